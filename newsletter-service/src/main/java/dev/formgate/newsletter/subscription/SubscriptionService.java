package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.mail.InboxCooldowns;
import dev.formgate.outbox.Conflicts;
import dev.formgate.outbox.OutboxRelay;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The sign-up, confirmation and unsubscribe flow. Every change is one versioned single-document write. */
@Service
public class SubscriptionService {

	/** The form id in the consent proof of a double opt-in staff started for the person. */
	static final String ON_BEHALF_FORM = "staff-on-behalf";

	/** Between the subscription id and the campaign id in a campaign mail's unsubscribe credential. */
	static final String CAMPAIGN_SEPARATOR = "~";

	private final MongoTemplate mongo;
	private final SubscriptionProperties properties;
	private final SubjectRefs subjectRefs;
	private final Tokens tokens;
	private final OutboxRelay<Subscription> relay;
	private final Suppressions suppressions;
	private final InboxCooldowns cooldowns;
	private final ConsentProofs consentProofs;
	private final SubscriptionMetrics metrics;
	private final ApplicationEventPublisher publisher;
	private final Clock clock;

	SubscriptionService(MongoTemplate mongo, SubscriptionProperties properties, SubjectRefs subjectRefs, Tokens tokens,
			OutboxRelay<Subscription> relay, Suppressions suppressions, InboxCooldowns cooldowns,
			ConsentProofs consentProofs, SubscriptionMetrics metrics, ApplicationEventPublisher publisher,
			Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.subjectRefs = subjectRefs;
		this.tokens = tokens;
		this.relay = relay;
		this.suppressions = suppressions;
		this.cooldowns = cooldowns;
		this.consentProofs = consentProofs;
		this.metrics = metrics;
		this.publisher = publisher;
		this.clock = clock;
	}

	public boolean isKnownList(String list) {
		return properties.lists().containsKey(list);
	}

	public String defaultList() {
		return properties.defaultList();
	}

	/**
	 * Records a sign-up and owes the address a confirmation mail. Deliberately says nothing about what it found: the
	 * caller answers the same whether the address was new, pending, active or unsubscribed.
	 */
	public void signUp(SignUp signUp) {
		signUp(signUp, false);
	}

	/**
	 * Staff start double opt-in for a person (an import, a re-add on request): refused for a subject who objected
	 * (Art. 21(3)) or left this list, before anything is stored or mailed. Only the person's own sign-up can bring
	 * them back.
	 */
	public void signUpOnBehalf(String email, String list, String language) throws SubjectSuppressed {
		if (suppressions.isSuppressed(subjectRefs.of(email), list)) {
			throw new SubjectSuppressed();
		}
		signUp(new SignUp(email, list, language, ON_BEHALF_FORM, new RequestOrigin(null, null)), true);
	}

	private void signUp(SignUp signUp, boolean onBehalf) {
		SubjectRef subjectRef = subjectRefs.of(signUp.email());
		String email = signUp.email().strip();
		Duration cooldown = properties.confirmation().cooldown();
		AtomicBoolean claimed = new AtomicBoolean();
		Conflicts.retrying(() -> {
			Instant now = clock.instant();
			ConsentProof consent = consentProofs.requested(signUp, now);
			Subscription existing = mongo.findOne(
					query(where("subjectRef").is(subjectRef.value()).and("list").is(signUp.list())),
					Subscription.class);
			if (existing != null && !existing.mailsOnSignUp(cooldown, now)) {
				return null;
			}
			// One confirmation mail per inbox and cooldown, whichever variant of the address asked for it.
			if (!claimed.get() && !cooldowns.claim(email, signUp.list(), now, cooldown)) {
				return null;
			}
			claimed.set(true);
			if (existing == null) {
				Subscription created = Subscription.requested(subjectRef, signUp.list(), email, signUp.language(),
						consent, onBehalf, now);
				mongo.insert(created);
				relay.wakeUp(created.id());
			}
			else if (existing.signUpAgain(email, signUp.language(), consent, onBehalf, cooldown, now)) {
				mongo.save(existing);
				relay.wakeUp(existing.id());
			}
			return null;
		});
		metrics.signUpRequested(onBehalf);
	}

	/** Confirms the subscription the token belongs to; false for unknown, used and expired tokens alike. */
	public boolean confirm(String token, RequestOrigin origin) {
		if (token == null || token.isBlank() || token.length() > 128) {
			return false;
		}
		String hash = Tokens.hash(token);
		boolean confirmed = Conflicts.retrying(() -> {
			Instant now = clock.instant();
			Subscription subscription = mongo.findOne(query(where("confirmationTokenHash").is(hash)),
					Subscription.class);
			if (subscription == null || !subscription.canBeConfirmed(now)) {
				return false;
			}
			RequestOrigin recorded = consentProofs.recorded(origin);
			subscription.confirm(recorded.ip(), recorded.userAgent(), now);
			mongo.save(subscription);
			relay.wakeUp(subscription.id());
			// The inbox's owner asked for this list: a later sign-up (after unsubscribing, say) owes a mail at once.
			cooldowns.release(subscription.email(), subscription.list());
			if (!subscription.onBehalf()) {
				// The person's own new opt-in outweighs their earlier objection.
				suppressions.lift(subscription.subjectRef(), subscription.list());
			}
			return true;
		});
		if (confirmed) {
			metrics.confirmed();
		}
		return confirmed;
	}

	/**
	 * Ends the subscription named by a signed unsubscribe credential, and only that one: the subject's other lists
	 * stay as they are (RFC 8058 unsubscribes from the list the mail came through). True when the credential is
	 * genuine, whether or not there was still anything to end, so pressing the button twice gives the same answer.
	 * The credential of a campaign mail also names the campaign, which then counts the unsubscribe
	 * ({@link UnsubscribedFromCampaign}).
	 */
	public boolean unsubscribe(String credential, Reason reason) {
		var named = tokens.verifyUnsubscribeCredential(credential);
		if (named.isEmpty()) {
			return false;
		}
		String[] parts = named.get().split(CAMPAIGN_SEPARATOR, 2);
		String subscriptionId = parts[0];
		Subscription ended = Conflicts.retrying(() -> {
			Subscription subscription = mongo.findById(subscriptionId, Subscription.class);
			if (subscription != null) {
				// Unsubscribing objects to this list: staff must not add the address back to it.
				suppressions.addForList(subscription.subjectRef(), subscription.list(), clock.instant());
			}
			if (subscription != null && subscription.unsubscribe(reason, clock.instant())) {
				mongo.save(subscription);
				relay.wakeUp(subscription.id());
				return subscription;
			}
			return null;
		});
		if (ended != null) {
			metrics.unsubscribed(reason);
			if (parts.length == 2) {
				publisher.publishEvent(
						new UnsubscribedFromCampaign(parts[1], ended.subjectRef().value(), ended.list(), reason));
			}
		}
		return true;
	}

	/**
	 * Ends the subject's subscriptions to these lists (a campaign's other lists, after its unsubscribe link); returns
	 * how many ended. Lists the person left themselves are suppressed for them, as after {@link #unsubscribe}.
	 */
	public int unsubscribeSubject(String subjectRef, Collection<String> lists, Reason reason) {
		int ended = 0;
		for (String list : lists) {
			boolean changed = Conflicts.retrying(() -> {
				Subscription subscription = mongo.findOne(
						query(where("subjectRef").is(subjectRef).and("list").is(list)), Subscription.class);
				if (subscription != null && leftByThePerson(reason)) {
					suppressions.addForList(subscription.subjectRef(), list, clock.instant());
				}
				if (subscription != null && subscription.unsubscribe(reason, clock.instant())) {
					mongo.save(subscription);
					relay.wakeUp(subscription.id());
					return true;
				}
				return false;
			});
			if (changed) {
				ended++;
				metrics.unsubscribed(reason);
			}
		}
		return ended;
	}

	private static boolean leftByThePerson(Reason reason) {
		return reason == Reason.LINK || reason == Reason.ONE_CLICK || reason == Reason.EMAIL;
	}

	/** Whether the subject received a campaign mail between two campaigns' mails (the delivery log knows). */
	@FunctionalInterface
	public interface DeliveredBetween {

		boolean test(String subjectRef, String earlierCampaignId, String laterCampaignId);
	}

	/**
	 * A campaign's mail to this subscription bounced ({@link Subscription#bounced}). When it ends the subscription,
	 * the subject's other subscriptions end too: they share the address that bounced. Unknown ids change nothing.
	 */
	public BounceOutcome bounced(String subscriptionId, String campaignId, boolean hard,
			DeliveredBetween deliveredBetween, int softLimit) {
		Change change = Conflicts.retrying(() -> {
			Subscription subscription = mongo.findById(subscriptionId, Subscription.class);
			if (subscription == null) {
				return Change.NONE;
			}
			String last = subscription.returns().lastBouncedCampaign();
			boolean delivered = !hard && last != null && !last.equals(campaignId)
					&& deliveredBetween.test(subscription.subjectRef().value(), last, campaignId);
			return save(subscription, subscription.bounced(campaignId, hard, delivered, softLimit, clock.instant()));
		});
		return endTheSubjects(change, change.outcome().ended(), Reason.BOUNCE);
	}

	/**
	 * The recipient of a campaign's mail to this subscription reported it as spam: the subject is suppressed (staff
	 * cannot add them again; only their own confirmed sign-up lifts it) and all their subscriptions end.
	 */
	public BounceOutcome complained(String subscriptionId, String campaignId) {
		Change change = Conflicts.retrying(() -> {
			Subscription subscription = mongo.findById(subscriptionId, Subscription.class);
			if (subscription == null) {
				return Change.NONE;
			}
			suppressions.add(subscription.subjectRef(), Suppressions.Cause.COMPLAINT, clock.instant());
			return save(subscription, subscription.complained(campaignId, clock.instant()));
		});
		return endTheSubjects(change, change.outcome().recorded(), Reason.COMPLAINT);
	}

	/** What a bounce or complaint changed, and whose. */
	private record Change(BounceOutcome outcome, String subjectRef, String list) {

		static final Change NONE = new Change(BounceOutcome.NOTHING, null, null);
	}

	private Change save(Subscription subscription, BounceOutcome outcome) {
		if (outcome.recorded()) {
			mongo.save(subscription);
			relay.wakeUp(subscription.id());
		}
		return new Change(outcome, subscription.subjectRef().value(), subscription.list());
	}

	/** The subject's other subscriptions share the address: they end with the one the report named. */
	private BounceOutcome endTheSubjects(Change change, boolean endOthers, Reason reason) {
		if (change.outcome().ended()) {
			metrics.unsubscribed(reason);
		}
		if (endOthers) {
			unsubscribeSubject(change.subjectRef(),
					properties.lists().keySet().stream().filter(list -> !list.equals(change.list())).toList(), reason);
		}
		return change.outcome();
	}

	/**
	 * An admin acting on a request received by other means (the notice offers unsubscribing by e-mail): from one list,
	 * or from every list. The subject is suppressed for what they left.
	 */
	public int unsubscribeAddress(String email, String listOrNull) {
		String subjectRef = subjectRefs.of(email).value();
		if (listOrNull == null) {
			if (mongo.exists(query(where("subjectRef").is(subjectRef)), Subscription.class)) {
				suppressions.add(new SubjectRef(subjectRef), Suppressions.Cause.UNSUBSCRIBED, clock.instant());
			}
		}
		else if (mongo.exists(query(where("subjectRef").is(subjectRef).and("list").is(listOrNull)),
				Subscription.class)) {
			suppressions.addForList(new SubjectRef(subjectRef), listOrNull, clock.instant());
		}
		return unsubscribeSubject(subjectRef, listOrNull == null ? properties.lists().keySet() : Set.of(listOrNull),
				Reason.ADMIN);
	}
}
