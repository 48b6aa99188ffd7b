package dev.formgate.newsletter.campaign;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The recipient slices, changed only by partial, conditional updates: a claim under a lease, marks that hold only
 * while the lease is the marker's, the end of a slice. Found by id (the campaign id and the slice's number), never by
 * scanning entries, except for an erasure.
 */
@Component
class Slices {

	private final MongoTemplate mongo;

	Slices(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Writes the slice; false if it exists already (a selection resumed after a crash). */
	boolean insert(Slice slice) {
		try {
			mongo.insert(slice);
			return true;
		}
		catch (DuplicateKeyException e) {
			return false;
		}
	}

	Slice find(String id) {
		return mongo.findById(id, Slice.class);
	}

	/**
	 * Takes the slice for {@code owner} until {@code until}: if it is not done and nobody else holds it. Returns the
	 * slice as taken, or null.
	 */
	Slice claim(String id, String owner, Instant until, Instant now) {
		Query free = query(where("_id").is(id).and("done").is(false).orOperator(where("owner").isNull(),
				where("owner").is(owner), where("leaseUntil").lt(now)));
		return mongo.findAndModify(free,
				new Update().set("owner", owner).set("leaseUntil", until).set("touchedAt", now).unset("retryAt"),
				FindAndModifyOptions.options().returnNew(true), Slice.class);
	}

	/**
	 * Marks entries (by index) and renews the lease, in one write that holds only while {@code owner} holds the
	 * slice. False if someone took it over: the caller must stop sending at once.
	 */
	boolean mark(String id, String owner, Map<Integer, Slice.Mark> marks, Instant until, Instant now) {
		Update update = new Update().set("leaseUntil", until).set("touchedAt", now);
		marks.forEach((index, mark) -> update.set("entries." + index + ".m", mark));
		return held(id, owner, update).getModifiedCount() > 0;
	}

	/** Every entry is marked: the slice is done and free. False if someone else held it by now. */
	boolean finish(String id, String owner) {
		return held(id, owner, new Update().set("done", true).unset("owner").unset("leaseUntil"))
			.getModifiedCount() > 0;
	}

	/** Let go of the slice; it is due again at {@code retryAt} (null: whenever it is handed out again). */
	void release(String id, String owner, Instant retryAt) {
		Update update = new Update().unset("owner").unset("leaseUntil");
		if (retryAt != null) {
			update.set("retryAt", retryAt);
		}
		held(id, owner, update);
	}

	/** Handed to the work topic again now. */
	void touched(String id, Instant now) {
		mongo.updateFirst(query(where("_id").is(id)), new Update().set("touchedAt", now).unset("retryAt"),
				Slice.class);
	}

	/** The campaign's slices that are not done, without their entries. */
	List<Slice> open(String campaignId) {
		Query open = query(where("campaignId").is(campaignId).and("done").is(false));
		open.fields().exclude("entries");
		return mongo.find(open, Slice.class);
	}

	/** Whether a slice of the campaign is still to be sent: while one is, the campaign is not sent. */
	boolean anyOpen(String campaignId) {
		return mongo.exists(query(where("campaignId").is(campaignId).and("done").is(false)), Slice.class);
	}

	/** What the recipients' mails came to, counted from the marks themselves. */
	record Marks(long sent, long failed, long skipped) {
	}

	/**
	 * Counts the marks of all the campaign's slices. The progress counts are written after the marks they count, so a
	 * crash between the two leaves them a batch short; the marks are what happened.
	 */
	Marks marks(String campaignId) {
		Query all = query(where("campaignId").is(campaignId));
		all.fields().include("entries.m");
		long sent = 0;
		long failed = 0;
		long skipped = 0;
		try (Stream<Document> found = mongo.stream(all, Document.class, mongo.getCollectionName(Slice.class))) {
			for (Document slice : (Iterable<Document>) found::iterator) {
				for (Document entry : slice.getList("entries", Document.class, List.of())) {
					String mark = entry.getString("m");
					if (Slice.Mark.SENT.name().equals(mark)) {
						sent++;
					}
					else if (Slice.Mark.FAILED.name().equals(mark)) {
						failed++;
					}
					else if (Slice.Mark.SKIPPED.name().equals(mark)) {
						skipped++;
					}
				}
			}
		}
		return new Marks(sent, failed, skipped);
	}

	/** The campaign is over: its recipient references go. */
	long deleteOf(String campaignId) {
		return mongo.remove(query(where("campaignId").is(campaignId)), Slice.class).getDeletedCount();
	}

	/**
	 * Erasure (Art. 17): the subject's entries in slices still to be sent lose their reference and are skipped.
	 * Returns, per campaign, how many entries were not yet marked (they will not be sent). Scans the slices of
	 * campaigns underway (slices of finished campaigns are deleted).
	 */
	Map<String, Integer> forget(String subjectRef) {
		Map<String, Integer> unmarked = new java.util.HashMap<>();
		for (Slice slice : mongo.find(query(where("entries.s").is(subjectRef)), Slice.class)) {
			Update update = new Update();
			for (int i = 0; i < slice.entries().size(); i++) {
				Slice.Entry entry = slice.entries().get(i);
				if (subjectRef.equals(entry.subjectRef())) {
					update.unset("entries." + i + ".s");
					if (entry.mark() == null) {
						update.set("entries." + i + ".m", Slice.Mark.SKIPPED);
						unmarked.merge(slice.campaignId(), 1, Integer::sum);
					}
				}
			}
			mongo.updateFirst(query(where("_id").is(slice.id())), update, Slice.class);
		}
		return unmarked;
	}

	/** How many entries of slices still to be sent name the subject (what erasure would change). */
	long countOf(String subjectRef) {
		return mongo.count(query(where("entries.s").is(subjectRef)), Slice.class);
	}

	private UpdateResult held(String id, String owner, Update update) {
		return mongo.updateFirst(query(where("_id").is(id).and("owner").is(owner)), update, Slice.class);
	}
}
