package dev.formgate.newsletter.subscription;

import dev.formgate.events.SubjectRef;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Subjects staff must not sign up again (Art. 21(3): an objection is absolute), one entry per subject: for every list
 * when they objected, withdrew every consent, asked staff to end every subscription or complained about a mail; for
 * the lists they left when they unsubscribed from a list (docs/privacy.md, "Unsubscribing ends one list"). Only their
 * own sign-up, once confirmed, lifts it. Holds the pseudonymous subjectRef only, so it can outlive an erasure and keep
 * honouring the objection. Campaigns leave out a subject suppressed for every list; one who left a list is not on it.
 */
@Component
class Suppressions {

	static final String COLLECTION = "suppressions";

	/** @param lists the lists the subject left, or null: every list */
	@org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
	record Suppression(@Id String subjectRef, Instant since, Cause cause, Set<String> lists) {

		boolean covers(String list) {
			return lists == null || lists.contains(list);
		}
	}

	enum Cause {
		/** An objection filed with the privacy officer. */
		OBJECTION,
		/** Unsubscribed by link, one-click or through staff, or withdrew every consent. */
		UNSUBSCRIBED,
		/** Reported a campaign mail as spam (a feedback report from their mailbox provider). */
		COMPLAINT
	}

	private final MongoTemplate mongo;

	Suppressions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** For every list; widens an entry for some lists. Idempotent: the first entry's time stays. */
	void add(SubjectRef subject, Cause cause, Instant now) {
		mongo.upsert(query(where("_id").is(subject.value())),
				new Update().setOnInsert("since", now).set("cause", cause).unset("lists"), Suppression.class);
	}

	/** For one list the subject left; an entry for every list stays as it is. Idempotent. */
	void addForList(SubjectRef subject, String list, Instant now) {
		while (true) {
			if (mongo.updateFirst(query(where("_id").is(subject.value()).and("lists").exists(true)),
					new Update().addToSet("lists", list), Suppression.class).getMatchedCount() > 0) {
				return;
			}
			Suppression found = mongo.findById(subject.value(), Suppression.class);
			if (found != null && found.lists() == null) {
				return;
			}
			if (found == null) {
				try {
					mongo.insert(new Suppression(subject.value(), now, Cause.UNSUBSCRIBED, Set.of(list)));
					return;
				}
				catch (DuplicateKeyException inserted) {
					// another entry came first: add to it
				}
			}
		}
	}

	/** Whether the subject has an entry at all (it is part of what this store holds about them). */
	boolean isSuppressed(SubjectRef subject) {
		return mongo.exists(query(where("_id").is(subject.value())), Suppression.class);
	}

	/** Whether staff must not sign the subject up for this list. */
	boolean isSuppressed(SubjectRef subject, String list) {
		return find(subject).map(s -> s.covers(list)).orElse(false);
	}

	/** Of these subjects, those suppressed for every list (one lookup on the key). */
	Set<String> suppressedAmong(Collection<String> subjectRefs) {
		var found = query(where("_id").in(subjectRefs).and("lists").exists(false));
		found.fields().include("_id");
		return mongo.find(found, Suppression.class).stream().map(Suppression::subjectRef).collect(Collectors.toSet());
	}

	Optional<Suppression> find(SubjectRef subject) {
		return Optional.ofNullable(mongo.findById(subject.value(), Suppression.class));
	}

	/**
	 * The subject's own confirmed sign-up to this list: an entry for every list goes (their new opt-in outweighs the
	 * earlier objection); of an entry for some lists, this list goes.
	 */
	void lift(SubjectRef subject, String list) {
		find(subject).ifPresent(s -> {
			if (s.lists() == null) {
				lift(subject);
				return;
			}
			mongo.updateFirst(query(where("_id").is(subject.value())), new Update().pull("lists", list),
					Suppression.class);
			mongo.remove(query(where("_id").is(subject.value()).and("lists").size(0)), Suppression.class);
		});
	}

	void lift(SubjectRef subject) {
		mongo.remove(query(where("_id").is(subject.value())), Suppression.class);
	}

	/** The subject's address was corrected: the entry follows the subject to its new reference. */
	void move(SubjectRef from, SubjectRef to) {
		find(from).ifPresent(s -> {
			mongo.findAndReplace(query(where("_id").is(to.value())),
					new Suppression(to.value(), s.since(), s.cause(), s.lists()), FindAndReplaceOptions.options().upsert());
			lift(from);
		});
	}
}
