package dev.formgate.newsletter.subscription;

import dev.formgate.events.SubjectRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Subjects whose processing is restricted (Art. 18): their data stays, but no mail goes to them (held in the
 * documents until the restriction is lifted), no campaign includes them, and retention does not delete it meanwhile.
 */
@Component
public class Restrictions {

	static final String COLLECTION = "restrictions";

	@org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
	record Restriction(@Id String subjectRef, Instant since) {
	}

	private final MongoTemplate mongo;

	Restrictions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Idempotent: the first entry's time stays. */
	void restrict(SubjectRef subject, Instant now) {
		mongo.upsert(query(where("_id").is(subject.value())), new Update().setOnInsert("since", now),
				Restriction.class);
	}

	/** For campaigns and every other processing of the subject's data: false means go ahead. */
	public boolean isRestricted(SubjectRef subject) {
		return mongo.exists(query(where("_id").is(subject.value())), Restriction.class);
	}

	Optional<Restriction> find(SubjectRef subject) {
		return Optional.ofNullable(mongo.findById(subject.value(), Restriction.class));
	}

	/** The restricted ones among these subjectRefs: one query per relay round. */
	Set<String> restrictedAmong(Collection<String> subjectRefs) {
		return mongo.find(query(where("_id").in(subjectRefs)), Restriction.class).stream()
			.map(Restriction::subjectRef).collect(Collectors.toSet());
	}

	List<String> all() {
		return mongo.findAll(Restriction.class).stream().map(Restriction::subjectRef).toList();
	}

	/** Returns how many entries went (0 or 1). */
	long lift(SubjectRef subject) {
		return mongo.remove(query(where("_id").is(subject.value())), Restriction.class).getDeletedCount();
	}

	void move(SubjectRef from, SubjectRef to) {
		find(from).ifPresent(r -> {
			mongo.findAndReplace(query(where("_id").is(to.value())), new Restriction(to.value(), r.since()),
					FindAndReplaceOptions.options().upsert());
			lift(from);
		});
	}
}
