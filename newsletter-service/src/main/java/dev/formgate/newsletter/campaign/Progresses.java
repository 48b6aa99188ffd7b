package dev.formgate.newsletter.campaign;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Each campaign's progress, changed by atomic partial updates only: counts are {@code $inc}ed by whichever instance
 * sent, the selection moves under a lease, and the shared rate is a window of one second that every instance takes
 * permits from.
 */
@Component
class Progresses {

	private final MongoTemplate mongo;

	Progresses(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The campaign started: its progress begins at zero (again the same if it exists). */
	void begin(String campaignId) {
		mongo.upsert(query(where("_id").is(campaignId)), new Update().setOnInsert("recipients", 0L)
			.setOnInsert("paceSecond", 0L).setOnInsert("paceIssued", 0), Progress.class);
	}

	Progress find(String campaignId) {
		return mongo.findById(campaignId, Progress.class);
	}

	List<Progress> findAll(Collection<String> campaignIds) {
		return mongo.find(query(where("_id").in(campaignIds)), Progress.class);
	}

	/** Takes the selection for {@code owner} until {@code until}, unless it is done or someone else holds it. */
	boolean claimSelection(String campaignId, String owner, Instant until, Instant now) {
		Query free = query(where("_id").is(campaignId).and("selectionDone").ne(true).orOperator(
				where("selector").isNull(), where("selector").is(owner), where("selectorUntil").lt(now)));
		return mongo.updateFirst(free, new Update().set("selector", owner).set("selectorUntil", until), Progress.class)
			.getModifiedCount() > 0;
	}

	/**
	 * A slice was written and handed out: the selection stands after it. Holds only while {@code owner} selects;
	 * false if someone else took over.
	 */
	boolean selected(String campaignId, String owner, Slice slice, Instant until) {
		Query mine = query(where("_id").is(campaignId).and("selector").is(owner));
		Update update = new Update().set("slices", slice.number() + 1).set("cursorList", slice.listIndex())
			.set("cursorId", slice.lastId()).inc("recipients", slice.entries().size()).set("selectorUntil", until);
		return mongo.updateFirst(mine, update, Progress.class).getModifiedCount() > 0;
	}

	/** Every recipient is in a slice. */
	void selectionDone(String campaignId, String owner) {
		mongo.updateFirst(query(where("_id").is(campaignId).and("selector").is(owner)),
				new Update().set("selectionDone", true).unset("selector").unset("selectorUntil"), Progress.class);
	}

	/** Mails went out, were refused or skipped. */
	void counted(String campaignId, long sent, long failed, long skipped, Instant now) {
		Update update = new Update().inc("sent", sent).inc("failed", failed).inc("skipped", skipped);
		if (sent > 0) {
			update.min("firstSentAt", now).max("lastSentAt", now);
		}
		mongo.updateFirst(query(where("_id").is(campaignId)), update, Progress.class);
	}

	/** The final counts, from the slices' marks (the increments may have missed a batch at a crash). */
	void settle(String campaignId, Slices.Marks marks) {
		mongo.updateFirst(query(where("_id").is(campaignId)), new Update().set("sent", marks.sent())
			.set("failed", marks.failed()).set("skipped", marks.skipped()), Progress.class);
	}

	void sliceDone(String campaignId) {
		mongo.updateFirst(query(where("_id").is(campaignId)), new Update().inc("slicesDone", 1), Progress.class);
	}

	/** One more of the campaign's recipients unsubscribed through it, bounced or complained. */
	void count(String campaignId, String field) {
		mongo.updateFirst(query(where("_id").is(campaignId)), new Update().inc(field, 1), Progress.class);
	}

	/**
	 * Takes up to {@code wanted} permits of the campaign's rate in the current second, shared by all instances:
	 * returns how many it got (0 when the second's are gone). Each try is conditional on the window as read, so two
	 * instances never take the same permits.
	 */
	int permits(String campaignId, int rate, int wanted, long second) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Progress window = mongo.findById(campaignId, Progress.class);
			if (window == null) {
				return 0;
			}
			Query unchanged = query(where("_id").is(campaignId).and("paceSecond").is(window.paceSecond())
				.and("paceIssued").is(window.paceIssued()));
			int granted;
			Update update;
			if (window.paceSecond() < second) {
				granted = Math.min(wanted, rate);
				update = new Update().set("paceSecond", second).set("paceIssued", granted);
			}
			else if (window.paceSecond() == second) {
				granted = Math.min(wanted, rate - window.paceIssued());
				if (granted <= 0) {
					return 0;
				}
				update = new Update().inc("paceIssued", granted);
			}
			else {
				return 0; // another instance's clock is ahead: wait for ours
			}
			if (mongo.updateFirst(unchanged, update, Progress.class).getModifiedCount() > 0) {
				return granted;
			}
		}
		return 0;
	}

	void delete(String campaignId) {
		mongo.remove(query(where("_id").is(campaignId)), Progress.class);
	}
}
