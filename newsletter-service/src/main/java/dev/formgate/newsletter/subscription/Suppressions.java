package dev.formgate.newsletter.subscription;

import dev.formgate.events.SubjectRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Subjects who objected to the newsletter (Art. 21(3): absolute), through the privacy officer or by unsubscribing.
 * Staff cannot sign them up again; only their own sign-up, once confirmed, lifts the entry. Holds the pseudonymous
 * subjectRef only, so it can outlive an erasure and keep honouring the objection.
 */
@Component
class Suppressions {

	static final String COLLECTION = "suppressions";

	@org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
	record Suppression(@Id String subjectRef, Instant since, Cause cause) {
	}

	enum Cause {
		/** An objection filed with the privacy officer. */
		OBJECTION,
		/** Unsubscribed by link, one-click or through staff: an objection to the newsletter too. */
		UNSUBSCRIBED,
		/** Reported a campaign mail as spam (a feedback report from their mailbox provider). */
		COMPLAINT
	}

	private final MongoTemplate mongo;

	Suppressions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Idempotent: the first entry's time stays. */
	void add(SubjectRef subject, Cause cause, Instant now) {
		mongo.upsert(query(where("_id").is(subject.value())),
				new Update().setOnInsert("since", now).set("cause", cause), Suppression.class);
	}

	boolean isSuppressed(SubjectRef subject) {
		return mongo.exists(query(where("_id").is(subject.value())), Suppression.class);
	}

	/** Of these subjects, the suppressed ones (one lookup on the key). */
	java.util.Set<String> suppressedAmong(java.util.Collection<String> subjectRefs) {
		var found = query(where("_id").in(subjectRefs));
		found.fields().include("_id");
		return mongo.find(found, Suppression.class).stream().map(Suppression::subjectRef)
			.collect(java.util.stream.Collectors.toSet());
	}

	Optional<Suppression> find(SubjectRef subject) {
		return Optional.ofNullable(mongo.findById(subject.value(), Suppression.class));
	}

	void lift(SubjectRef subject) {
		mongo.remove(query(where("_id").is(subject.value())), Suppression.class);
	}

	/** The subject's address was corrected: the entry follows the subject to its new reference. */
	void move(SubjectRef from, SubjectRef to) {
		find(from).ifPresent(s -> {
			mongo.findAndReplace(query(where("_id").is(to.value())), new Suppression(to.value(), s.since(), s.cause()),
					FindAndReplaceOptions.options().upsert());
			lift(from);
		});
	}
}
