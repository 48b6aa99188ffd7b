package dev.formgate.comment.evidence;

import dev.formgate.events.SubjectRef;
import dev.formgate.outbox.Conflicts;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The evidence log, apart from the comments in its own collection: one entry per comment with the client address.
 * Entries go after {@code formgate.comment.retention.evidence}, on objection and on erasure, unless a legal hold keeps
 * them.
 */
@Component
public class EvidenceLog {

	public static final String COLLECTION = "comment_evidence";

	/** Most holds listed at once; a claim holds a comment's evidence for months, not thousands of them. */
	static final int MAX_HELD = 500;

	private final MongoTemplate mongo;
	private final Clock clock;

	EvidenceLog(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** What the log keeps about one comment, for the author's access export and the disclosure. */
	public record Entry(String commentId, String site, String post, String clientAddress, Instant postedAt,
			LegalHold legalHold, List<Disclosure> disclosures) {

		static Entry of(Evidence e) {
			return new Entry(e.id(), e.site(), e.post(), e.clientAddress(), e.postedAt(), e.legalHold(),
					e.disclosures());
		}
	}

	/** Before the comment is stored: an entry without its comment is purged with the others. */
	public void record(String commentId, String site, String post, SubjectRef subject, SubjectRef commentRef,
			String clientAddress, Instant postedAt) {
		mongo.insert(new Evidence(commentId, site, post, subject == null ? null : subject.value(), commentRef.value(),
				clientAddress, postedAt));
	}

	public Optional<Entry> find(String commentId) {
		return Optional.ofNullable(mongo.findById(commentId, Evidence.class)).map(Entry::of);
	}

	/** The entries a legal hold keeps, the longest-held first (at most {@link #MAX_HELD}). */
	List<Entry> held() {
		return mongo.find(query(where("legalHold").ne(null)).with(Sort.by("legalHold.since")).limit(MAX_HELD),
				Evidence.class).stream().map(Entry::of).toList();
	}

	public boolean isHeld(String commentId) {
		return find(commentId).map(e -> e.legalHold() != null).orElse(false);
	}

	public List<Entry> ofSubject(SubjectRef subject) {
		return mongo.find(query(new Criteria().orOperator(where("subjectRef").is(subject.value()),
				where("commentRef").is(subject.value()))), Evidence.class).stream().map(Entry::of).toList();
	}

	/** Gives entries stored before entries carried their comment's reference that reference; how many changed. */
	public long addCommentRefs(Function<String, SubjectRef> commentRefOf) {
		Query missing = query(where("commentRef").exists(false));
		missing.fields().include("_id");
		long changed = 0;
		for (Evidence e : mongo.find(missing, Evidence.class)) {
			changed += mongo.updateFirst(query(where("_id").is(e.id()).and("commentRef").exists(false)),
					new Update().set("commentRef", commentRefOf.apply(e.id()).value()), Evidence.class)
				.getModifiedCount();
		}
		return changed;
	}

	/** Deletes the entry unless a legal hold keeps it; true if it is gone (or was). */
	public boolean delete(String commentId) {
		Evidence found = mongo.findById(commentId, Evidence.class);
		if (found == null) {
			return true;
		}
		if (found.legalHold() != null) {
			return false;
		}
		return mongo.remove(query(where("_id").is(commentId).and("legalHold").isNull()), Evidence.class)
			.getDeletedCount() == 1 || mongo.findById(commentId, Evidence.class) == null;
	}

	/** Retention: entries of comments posted before the cutoff, unless held. Returns how many went. */
	public long purgePostedBefore(Instant cutoff) {
		return mongo.remove(query(where("postedAt").lt(cutoff).and("legalHold").isNull()), Evidence.class)
			.getDeletedCount();
	}

	/** Art. 16: the entries follow the corrected address's reference. */
	public void rectify(SubjectRef from, SubjectRef to) {
		for (Evidence e : mongo.find(query(where("subjectRef").is(from.value())), Evidence.class)) {
			change(e.id(), fresh -> fresh.moveTo(to.value()));
		}
	}

	/** Records the disclosure and answers the entry as it was disclosed; throws if the evidence is gone. */
	Entry disclose(String commentId, String reason, String by) {
		Instant now = clock.instant();
		return change(commentId, e -> e.disclose(reason, by, now));
	}

	Entry hold(String commentId, String reason, String by) {
		Instant now = clock.instant();
		return change(commentId, e -> e.hold(reason, by, now));
	}

	Entry release(String commentId) {
		return change(commentId, Evidence::release);
	}

	private Entry change(String commentId, Consumer<Evidence> change) {
		return Conflicts.retrying(() -> {
			Evidence fresh = mongo.findById(commentId, Evidence.class);
			if (fresh == null) {
				throw new EvidenceNotHeld();
			}
			change.accept(fresh);
			mongo.save(fresh);
			return Entry.of(fresh);
		});
	}
}
