package dev.formgate.privacy;

import dev.formgate.events.SubjectRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Subjects whose processing is restricted (Art. 18), in a store's {@value #COLLECTION} collection: their data stays,
 * but the store sends them no mail (held until the restriction is lifted), staff do not work on it, and retention
 * does not delete it meanwhile. What exactly is held is the store's business; this is the flag and its start: what
 * the person sends after it (a new contact request, say) is their consent to process that (Art. 18(2)), which a store
 * may honour by comparing times with {@link #since}.
 */
public class Restrictions {

	public static final String COLLECTION = "restrictions";

	@org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
	record Restriction(@Id String subjectRef, Instant since) {
	}

	private final MongoTemplate mongo;

	public Restrictions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Idempotent: the first entry's time stays. */
	public void restrict(SubjectRef subject, Instant now) {
		mongo.upsert(query(where("_id").is(subject.value())), new Update().setOnInsert("since", now),
				Restriction.class);
	}

	/** For campaigns and every other processing of the subject's data: false means go ahead. */
	public boolean isRestricted(SubjectRef subject) {
		return mongo.exists(query(where("_id").is(subject.value())), Restriction.class);
	}

	/** Since when the subject is restricted, if they are. */
	public Optional<Instant> since(SubjectRef subject) {
		return find(subject).map(Restriction::since);
	}

	private Optional<Restriction> find(SubjectRef subject) {
		return Optional.ofNullable(mongo.findById(subject.value(), Restriction.class));
	}

	/** The restricted ones among these subjectRefs: one query per relay round. */
	public Set<String> restrictedAmong(Collection<String> subjectRefs) {
		return sinceAmong(subjectRefs).keySet();
	}

	/** Since when each restricted one among these subjectRefs is restricted: one query per relay round or page. */
	public Map<String, Instant> sinceAmong(Collection<String> subjectRefs) {
		return mongo.find(query(where("_id").in(subjectRefs)), Restriction.class).stream()
			.collect(Collectors.toMap(Restriction::subjectRef, Restriction::since));
	}

	/**
	 * Of these documents, the ids of those a restriction of their subject covers (one query for all): whose owed mails
	 * an outbox relay holds.
	 *
	 * @param covers whether a restriction since the given time covers the document
	 */
	public <D> Set<String> restrictedOf(List<D> documents, Function<D, SubjectRef> subject,
			BiPredicate<D, Instant> covers, Function<D, String> id) {
		Map<String, Instant> since = sinceAmong(documents.stream().map(d -> subject.apply(d).value()).distinct()
			.toList());
		return documents.stream().filter(d -> covers.test(d, since.get(subject.apply(d).value()))).map(id)
			.collect(Collectors.toSet());
	}

	public List<String> all() {
		return mongo.findAll(Restriction.class).stream().map(Restriction::subjectRef).toList();
	}

	/** Returns how many entries went (0 or 1). */
	public long lift(SubjectRef subject) {
		return mongo.remove(query(where("_id").is(subject.value())), Restriction.class).getDeletedCount();
	}

	/** The subject's address was corrected: the restriction follows the subject to its new reference. */
	public void move(SubjectRef from, SubjectRef to) {
		find(from).ifPresent(r -> {
			mongo.findAndReplace(query(where("_id").is(to.value())), new Restriction(to.value(), r.since()),
					FindAndReplaceOptions.options().upsert());
			lift(from);
		});
	}
}
