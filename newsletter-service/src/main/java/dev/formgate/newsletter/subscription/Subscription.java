package dev.formgate.newsletter.subscription;

import dev.formgate.events.CampaignId;
import dev.formgate.events.NewsletterEvent;
import dev.formgate.events.NewsletterEvent.SubscriptionBounced.Kind;
import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubscriptionId;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxEvent;
import dev.formgate.outbox.OwedMail;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One address on one list. The document carries its own outbox (events and mails not yet handed on), so a state
 * change and the duty to announce it are written in one atomic single-document update; each event is recorded as it
 * describes the change, when the change is made.
 */
@Document("subscriptions")
@CompoundIndex(name = "subject_list", def = "{'subjectRef': 1, 'list': 1}", unique = true)
@CompoundIndex(name = "state_last_request", def = "{'state': 1, 'lastConfirmationMailAt': 1}")
@CompoundIndex(name = "state_ended", def = "{'state': 1, 'endedAt': 1}")
// A campaign's recipients: a list's active subscriptions streamed in id order (Recipients.activeOn), no sort in memory.
@CompoundIndex(name = "list_state_id", def = "{'list': 1, 'state': 1, '_id': 1}")
class Subscription {

	@Id
	private String id;

	@Version
	private Long version;

	private String subjectRef;

	private String list;

	/** Needed to send mail; removed when the subscription ends. */
	private String email;

	private String language;

	private SubscriptionState state;

	private ConsentProof consent;

	/** Proof of consents given for an earlier address of the subject, kept when the address was corrected. */
	private List<ConsentProof> earlierConsents = new ArrayList<>();

	/** Started by staff for the person (an import, a re-add), not by the person's own sign-up. */
	private boolean onBehalf;

	@Indexed(unique = true, sparse = true)
	private String confirmationTokenHash;

	private Instant confirmationExpiresAt;

	private Instant lastConfirmationMailAt;

	private Instant createdAt;

	private Instant endedAt;

	/** Bounces and complaints of campaign mails to it (null: none yet). */
	private Returns returns;

	@Unwrapped.Empty
	private Outbox outbox = new Outbox();

	/** The mails a subscription owes its address. */
	enum Mail {
		CONFIRMATION, WELCOME
	}

	protected Subscription() {
	}

	static Subscription requested(SubjectRef subjectRef, String list, String email, String language,
			ConsentProof consent, boolean onBehalf, Instant now) {
		Subscription s = new Subscription();
		s.id = UUID.randomUUID().toString();
		s.subjectRef = subjectRef.value();
		s.list = list;
		s.createdAt = now;
		s.onBehalf = onBehalf;
		s.request(email, language, consent, now);
		return s;
	}

	/** Whether a sign-up arriving now would owe a confirmation mail ({@link #signUpAgain} returning true). */
	boolean mailsOnSignUp(Duration cooldown, Instant now) {
		return switch (state) {
			case ACTIVE -> false;
			case PENDING -> lastConfirmationMailAt == null || !now.isBefore(lastConfirmationMailAt.plus(cooldown));
			case UNSUBSCRIBED, EXPIRED -> true;
		};
	}

	/**
	 * A sign-up for this address arrived again. Returns whether anything changed: an active subscription stays as it
	 * is, and a pending one gets no second mail inside the cooldown (list bombing).
	 */
	boolean signUpAgain(String email, String language, ConsentProof consent, boolean onBehalf, Duration cooldown,
			Instant now) {
		return switch (state) {
			case ACTIVE -> false;
			case PENDING -> {
				if (lastConfirmationMailAt != null && now.isBefore(lastConfirmationMailAt.plus(cooldown))) {
					yield false;
				}
				this.onBehalf = onBehalf;
				request(email, language, consent, now);
				yield true;
			}
			case UNSUBSCRIBED, EXPIRED -> {
				createdAt = now;
				endedAt = null;
				this.onBehalf = onBehalf;
				request(email, language, consent, now);
				yield true;
			}
		};
	}

	/**
	 * The subject's address was corrected (Art. 16): the subscription moves to the new address and reference. A
	 * current one must be confirmed again by double opt-in at the new address; the proof of the earlier consent stays.
	 */
	void rectify(SubjectRef newSubjectRef, String newEmail, ConsentProof newConsent, Instant now) {
		this.subjectRef = newSubjectRef.value();
		if (state != SubscriptionState.ACTIVE && state != SubscriptionState.PENDING) {
			return; // ended: no address to correct, the proof simply follows the subject
		}
		if (consent != null) {
			earlierConsents.add(consent);
		}
		this.confirmationTokenHash = null;
		this.confirmationExpiresAt = null;
		outbox.dropMails(m -> true);
		request(newEmail, language, newConsent, now);
	}

	/**
	 * Whether a restriction of the subject's processing that took effect at {@code since} holds this subscription's
	 * mails: those owed before it, and those staff started for the person. A mail owed by what the person did after it
	 * (signed up, confirmed) is their consent to it (Art. 18(2) GDPR) and goes out (docs/privacy.md, "Restriction").
	 */
	boolean isRestrictedBy(Instant since) {
		return since != null
				&& (onBehalf || outbox.mails().stream().anyMatch(m -> m.requestedAt().isBefore(since)));
	}

	/** The restriction (Art. 18) is lifted: held mails are due now. False if none were held. */
	boolean releaseMails(Instant now) {
		return outbox.releaseMails(now);
	}

	private void request(String email, String language, ConsentProof consent, Instant now) {
		this.state = SubscriptionState.PENDING;
		this.email = email;
		this.language = language;
		this.consent = consent;
		this.lastConfirmationMailAt = now;
		outbox.dropMails(m -> m.kind(Mail.class) == Mail.CONFIRMATION);
		outbox.owe(OwedMail.of(Mail.CONFIRMATION, now), now);
		record(new NewsletterEvent.SubscriptionRequested(subjectRef(), subscriptionId(), list, language, now), now);
	}

	/** Called by the relay just before the confirmation mail goes out: only the hash of the token is kept. */
	void issueConfirmationToken(String tokenHash, Instant expiresAt) {
		this.confirmationTokenHash = tokenHash;
		this.confirmationExpiresAt = expiresAt;
	}

	/** The token of a confirmation mail composed on another copy of this subscription, which went out with it. */
	void keepConfirmationTokenOf(Subscription composed) {
		issueConfirmationToken(composed.confirmationTokenHash, composed.confirmationExpiresAt);
	}

	boolean canBeConfirmed(Instant now) {
		return state == SubscriptionState.PENDING && confirmationExpiresAt != null && now.isBefore(confirmationExpiresAt);
	}

	void confirm(String ip, String userAgent, Instant now) {
		this.state = SubscriptionState.ACTIVE;
		this.consent = consent.confirmed(now, ip, userAgent);
		this.confirmationTokenHash = null;
		this.confirmationExpiresAt = null;
		outbox.dropMails(m -> m.kind(Mail.class) == Mail.CONFIRMATION);
		outbox.owe(OwedMail.of(Mail.WELCOME, now), now);
		record(new NewsletterEvent.SubscriptionConfirmed(subjectRef(), subscriptionId(), list,
				consent.consentTextVersion(), now), now);
	}

	/**
	 * Ends the subscription and forgets the address; the consent proof stays as evidence that past mails were lawful
	 * until the retention policy removes the document. Returns false if there was nothing to end.
	 */
	boolean unsubscribe(Reason reason, Instant now) {
		if (state != SubscriptionState.ACTIVE && state != SubscriptionState.PENDING) {
			return false;
		}
		this.state = SubscriptionState.UNSUBSCRIBED;
		this.email = null;
		this.endedAt = now;
		this.confirmationTokenHash = null;
		this.confirmationExpiresAt = null;
		outbox.dropMails(m -> true);
		record(new NewsletterEvent.Unsubscribed(subjectRef(), subscriptionId(), list, reason, now), now);
		return true;
	}

	/**
	 * A campaign mail to this subscription bounced: a hard bounce ends it, a soft one counts, and {@code softLimit} in
	 * a row end it; {@code deliveredSinceLast} says a mail of another campaign got through since the last bounce,
	 * which starts a new row. A second report of the same campaign's bounce changes nothing, except that a hard one
	 * after a soft one still ends it.
	 */
	BounceOutcome bounced(String campaignId, boolean hard, boolean deliveredSinceLast, int softLimit, Instant now) {
		Returns before = returns();
		boolean counted = before.counted(campaignId);
		if ((state != SubscriptionState.ACTIVE && state != SubscriptionState.PENDING) || (counted && !hard)) {
			return BounceOutcome.NOTHING;
		}
		Returns after = hard ? before.hardBounce() : before.softBounce(campaignId, deliveredSinceLast);
		boolean ends = hard || after.softBounces() >= softLimit;
		returns = after;
		record(new NewsletterEvent.SubscriptionBounced(subjectRef(), subscriptionId(), list, new CampaignId(campaignId),
				hard ? Kind.HARD : Kind.SOFT, hard ? before.softBounces() : after.softBounces(), ends, now), now);
		if (ends) {
			unsubscribe(Reason.BOUNCE, now);
		}
		return new BounceOutcome(true, !counted, ends);
	}

	/**
	 * The recipient reported a campaign mail as spam: recorded once per campaign, and the subscription ends (if it has
	 * not already).
	 */
	BounceOutcome complained(String campaignId, Instant now) {
		Returns before = returns();
		if (campaignId.equals(before.lastComplaintCampaign()) || state == SubscriptionState.EXPIRED) {
			return BounceOutcome.NOTHING;
		}
		returns = before.complaint(campaignId);
		record(new NewsletterEvent.ComplaintReceived(subjectRef(), subscriptionId(), list, new CampaignId(campaignId),
				now), now);
		return new BounceOutcome(true, true, unsubscribe(Reason.COMPLAINT, now));
	}

	/** The sign-up was never confirmed: drop all personal data now, the document goes once the event is relayed. */
	void expire(Instant now) {
		this.state = SubscriptionState.EXPIRED;
		this.email = null;
		this.consent = null;
		this.endedAt = now;
		this.confirmationTokenHash = null;
		this.confirmationExpiresAt = null;
		outbox.dropMails(m -> true);
		record(new NewsletterEvent.SubscriptionExpired(subjectRef(), subscriptionId(), list, now), now);
	}

	/** The event as it describes this change, keyed by the subject as it is now. */
	private void record(NewsletterEvent event, Instant now) {
		outbox.record(OutboxEvent.of(subjectRef, event, now), now);
	}

	/** Expired sign-ups keep nothing: the document goes once its last event is out. */
	boolean isGoneOnceRelayed() {
		return state == SubscriptionState.EXPIRED && !outbox.owesEvents();
	}

	String id() {
		return id;
	}

	SubjectRef subjectRef() {
		return new SubjectRef(subjectRef);
	}

	SubscriptionId subscriptionId() {
		return new SubscriptionId(id);
	}

	String list() {
		return list;
	}

	String email() {
		return email;
	}

	String language() {
		return language;
	}

	SubscriptionState state() {
		return state;
	}

	ConsentProof consent() {
		return consent;
	}

	List<ConsentProof> earlierConsents() {
		return earlierConsents == null ? List.of() : List.copyOf(earlierConsents);
	}

	boolean onBehalf() {
		return onBehalf;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant endedAt() {
		return endedAt;
	}

	Returns returns() {
		return returns == null ? Returns.NONE : returns;
	}

	/** What the subscription still owes Kafka and the address; the relay and the owner's changes work through it. */
	Outbox outbox() {
		return outbox;
	}
}
