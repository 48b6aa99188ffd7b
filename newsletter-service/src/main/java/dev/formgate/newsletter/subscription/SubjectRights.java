package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.events.SubjectRef;
import dev.formgate.outbox.Conflicts;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.privacy.Restrictions;
import dev.formgate.privacy.SubjectData;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The data-subject rights on this store, by subjectRef: what it holds, erasure, objection, export, restriction and
 * rectification. Each operation is idempotent, as a request may be carried out again after a crash.
 */
@Service
public class SubjectRights implements SubjectData {

	/** The form id in the consent proof of a re-confirmation after the address was corrected. */
	static final String RECTIFICATION_FORM = "privacy-rectification";

	private final MongoTemplate mongo;
	private final SubscriptionProperties properties;
	private final ConsentProofs consentProofs;
	private final Suppressions suppressions;
	private final Restrictions restrictions;
	private final OutboxRelay<Subscription> relay;
	private final Clock clock;

	SubjectRights(MongoTemplate mongo, SubscriptionProperties properties, ConsentProofs consentProofs,
			Suppressions suppressions, Restrictions restrictions, OutboxRelay<Subscription> relay, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.consentProofs = consentProofs;
		this.suppressions = suppressions;
		this.restrictions = restrictions;
		this.relay = relay;
		this.clock = clock;
	}

	/** What erasure would delete, per collection. The suppression entry is not among it: it honours the objection. */
	public Map<String, Long> erasable(SubjectRef subject) {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("subscriptions", (long) ofSubject(subject).size());
		counts.put(Restrictions.COLLECTION, restrictions.since(subject).isPresent() ? 1L : 0L);
		return counts;
	}

	/**
	 * Art. 17: the subject's subscriptions on every list go, with their consent proof, pending mails and outbox, and
	 * the restriction entry. The pseudonymous suppression entry stays (see {@link Suppressions}).
	 */
	public void erase(SubjectRef subject) {
		for (String list : properties.lists().keySet()) {
			mongo.remove(bySubjectAndList(subject, list), Subscription.class);
		}
		restrictions.lift(subject);
	}

	public boolean isSuppressed(SubjectRef subject) {
		return suppressions.isSuppressed(subject);
	}

	/**
	 * Art. 21(3): the subject is unsubscribed from every list (the address goes, the consent proof stays for its
	 * evidence period) and suppressed, so staff cannot add them again.
	 */
	public void object(SubjectRef subject) {
		Instant now = clock.instant();
		suppressions.add(subject, Suppressions.Cause.OBJECTION, now);
		forEach(subject, s -> s.unsubscribe(Reason.ADMIN, now));
	}

	/** How many of the subject's subscriptions rest on their consent now (pending or active). */
	public long consented(SubjectRef subject) {
		return ofSubject(subject).stream()
			.filter(s -> s.state() == SubscriptionState.ACTIVE || s.state() == SubscriptionState.PENDING).count();
	}

	/**
	 * Art. 7(3): every subscription of the subject ends, as by the unsubscribe link (the address goes, the consent
	 * proof stays for its evidence period), and the subject is suppressed as after unsubscribing.
	 */
	public void withdraw(SubjectRef subject) {
		Instant now = clock.instant();
		if (consented(subject) > 0) {
			suppressions.add(subject, Suppressions.Cause.UNSUBSCRIBED, now);
		}
		forEach(subject, s -> s.unsubscribe(Reason.WITHDRAWAL, now));
	}

	@Override
	public SubjectExport export(SubjectRef subject) {
		List<SubjectExport.SubscriptionData> data = ofSubject(subject).stream()
			.map(SubjectExport.SubscriptionData::of).toList();
		var suppression = suppressions.find(subject);
		return new SubjectExport(data, suppression.map(Suppressions.Suppression::since).orElse(null),
				suppression.map(s -> s.cause().name()).orElse(null),
				suppression.map(s -> s.lists() == null ? null : s.lists().stream().sorted().toList()).orElse(null),
				restrictions.since(subject).orElse(null));
	}

	/** Art. 18: mails to the subject are held from now on; the data stays. */
	@Override
	public void restrict(SubjectRef subject) {
		restrictions.restrict(subject, clock.instant());
	}

	/** The end of a restriction: held mails are due now, and go out once each. */
	@Override
	public void liftRestriction(SubjectRef subject) {
		restrictions.lift(subject);
		Instant now = clock.instant();
		forEach(subject, s -> s.releaseMails(now));
	}

	/** Whether the store holds anything under this subjectRef: subscriptions, a suppression or a restriction. */
	@Override
	public boolean holdsAnything(SubjectRef subject) {
		return !export(subject).isEmpty();
	}

	/**
	 * Art. 16: everything held under the old reference moves to the corrected address's; current subscriptions are
	 * confirmed again at the new address. Where the new address already has a subscription on a list, that one
	 * stands and the old one ends.
	 */
	@Override
	public void rectify(SubjectRef from, SubjectRef to, String newEmail) {
		Instant now = clock.instant();
		for (Subscription found : ofSubject(from)) {
			boolean taken = mongo.exists(bySubjectAndList(to, found.list()), Subscription.class);
			update(found.id(), s -> {
				if (!s.subjectRef().equals(from)) {
					return false;
				}
				if (taken) {
					return s.unsubscribe(Reason.ADMIN, now);
				}
				s.rectify(to, newEmail, consentProofs.onBehalf(s.language(), RECTIFICATION_FORM, now), now);
				return true;
			});
		}
		suppressions.move(from, to);
		restrictions.move(from, to);
	}

	private void forEach(SubjectRef subject, Predicate<Subscription> change) {
		for (Subscription found : ofSubject(subject)) {
			update(found.id(), change);
		}
	}

	/** Saves and wakes the relay if the change changed anything. */
	private void update(String id, Predicate<Subscription> change) {
		Conflicts.retrying(() -> {
			Subscription s = mongo.findById(id, Subscription.class);
			if (s != null && change.test(s)) {
				mongo.save(s);
				relay.wakeUp(s.id());
			}
			return null;
		});
	}

	/**
	 * The subject's subscriptions, one lookup per configured list (sign-ups are accepted for those only). Each names
	 * both fields of the unique (subjectRef, list) index: MongoDB would use it for subjectRef alone too, but the
	 * embedded mongo-java-server uses an index only when a query names exactly its fields, and otherwise scans the
	 * collection (seconds per erasure at a million subscriptions).
	 */
	private List<Subscription> ofSubject(SubjectRef subject) {
		List<Subscription> found = new ArrayList<>();
		for (String list : properties.lists().keySet()) {
			Subscription subscription = mongo.findOne(bySubjectAndList(subject, list), Subscription.class);
			if (subscription != null) {
				found.add(subscription);
			}
		}
		return found;
	}

	private static org.springframework.data.mongodb.core.query.Query bySubjectAndList(SubjectRef subject,
			String list) {
		return query(where("subjectRef").is(subject.value()).and("list").is(list));
	}
}
