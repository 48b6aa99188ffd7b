package dev.formgate.erasure.activity;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Adds counted events to their days once a redelivery of them can no longer come, exactly once without a transaction:
 * <ol>
 * <li>the events counted before the cutoff are marked with a new batch id (one multi-document update);</li>
 * <li>per day, the batch's counts are added to the day together with the batch id, in one write that matches only if
 * the day does not list the batch yet;</li>
 * <li>the batch's events are deleted.</li>
 * </ol>
 * A crash after 1 leaves marked events, which a later settlement takes over once the batch is older than the purge
 * interval (so never while its own run may still be marking); a crash after 2 repeats 2, which the day refuses, and
 * 3. Two instances settling at once mark disjoint events and take over the same stale batch at most once per day.
 * The report counts a marked event unless its day lists its batch.
 */
final class Settlement {

	private static final int CHUNK = 1_000;
	private static final int DUPLICATE_KEY = 11000;
	/** The figure of events that count nothing (ids taken over from a day's former list). */
	private static final String NONE = "";

	private final MongoTemplate mongo;
	private final Duration staleAfter;

	Settlement(MongoTemplate mongo, Duration staleAfter) {
		this.mongo = mongo;
		this.staleAfter = staleAfter;
	}

	/** Settles the events counted before this time, and batches left by an interrupted run; returns how many. */
	long settle(Instant countedBefore, Instant now) {
		String batch = now.toEpochMilli() + "-" + UUID.randomUUID();
		mark(countedBefore, batch);
		long settled = 0;
		for (var entry : marked(countedBefore).entrySet()) {
			if (entry.getKey().equals(batch) || stale(entry.getKey(), now)) {
				settled += apply(entry.getKey(), entry.getValue(), countedBefore);
			}
		}
		return settled;
	}

	/** Step 1: the unmarked events counted before the cutoff now belong to this batch. */
	void mark(Instant countedBefore, String batch) {
		mongo.updateMulti(query(where(CountedEvent.COUNTED_AT).lt(countedBefore).and(CountedEvent.BATCH).is(null)),
				new Update().set(CountedEvent.BATCH, batch), CountedEvent.class);
	}

	/** Batch → day → figure → events, of every marked event counted before the cutoff. */
	Map<String, Map<String, Map<String, Long>>> marked(Instant countedBefore) {
		Map<String, Map<String, Map<String, Long>>> batches = new HashMap<>();
		for (Document group : mongo.aggregate(Aggregation.newAggregation(
				match(where(CountedEvent.COUNTED_AT).lt(countedBefore).and(CountedEvent.BATCH).ne(null)),
				group(CountedEvent.BATCH, CountedEvent.DAY, CountedEvent.FIGURE).count().as("n")),
				CountedEvent.class, Document.class)) {
			Document key = group.get("_id", Document.class);
			batches.computeIfAbsent(key.getString(CountedEvent.BATCH), b -> new HashMap<>())
				.computeIfAbsent(key.getString(CountedEvent.DAY), d -> new HashMap<>())
				.merge(key.getString(CountedEvent.FIGURE) == null ? NONE : key.getString(CountedEvent.FIGURE),
						((Number) group.get("n")).longValue(), Long::sum);
		}
		return batches;
	}

	/** Steps 2 and 3 for one batch; returns how many events it held. */
	long apply(String batch, Map<String, Map<String, Long>> days, Instant countedBefore) {
		long events = 0;
		for (var day : days.entrySet()) {
			addToDay(batch, day.getKey(), day.getValue());
			events += day.getValue().values().stream().mapToLong(Long::longValue).sum();
		}
		mongo.remove(query(where(CountedEvent.COUNTED_AT).lt(countedBefore).and(CountedEvent.BATCH).is(batch)),
				CountedEvent.class);
		return events;
	}

	/** Step 2: the batch's counts of one day, unless the day has them already. */
	void addToDay(String batch, String day, Map<String, Long> figures) {
		Update update = new Update().push(ActivityDay.BATCHES, batch);
		figures.forEach((figure, n) -> {
			if (!NONE.equals(figure)) { // ids taken over from a day's former list: counted there already
				update.inc(figure, n);
			}
		});
		try {
			mongo.upsert(query(where("_id").is(day).and(ActivityDay.BATCHES).ne(batch)), update, ActivityDay.class);
		}
		catch (DuplicateKeyException e) {
			// the day exists and lists the batch: added before a crash
		}
	}

	private boolean stale(String batch, Instant now) {
		int dash = batch.indexOf('-');
		try {
			return dash > 0 && Instant.ofEpochMilli(Long.parseLong(batch.substring(0, dash)))
				.isBefore(now.minus(staleAfter));
		}
		catch (NumberFormatException e) {
			return true;
		}
	}

	/**
	 * Days written before counted events existed list every id they counted ({@value ActivityDay#LEGACY_EVENT_IDS});
	 * those ids become counted events without a figure (their counts are in the day already), so their redeliveries
	 * still count once, and the list is removed. Returns how many ids were taken over.
	 */
	long takeOverLegacyIds(Instant now) {
		long taken = 0;
		var days = mongo.getCollection(ActivityDay.COLLECTION)
			.find(new Document(ActivityDay.LEGACY_EVENT_IDS, new Document("$exists", true)))
			.projection(new Document(ActivityDay.LEGACY_EVENT_IDS, 1))
			.into(new ArrayList<>());
		for (Document day : days) {
			List<String> ids = day.getList(ActivityDay.LEGACY_EVENT_IDS, String.class, List.of());
			for (int from = 0; from < ids.size(); from += CHUNK) {
				List<Document> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK)).stream()
					.map(id -> new Document("_id", id).append(CountedEvent.DAY, day.get("_id"))
						.append(CountedEvent.COUNTED_AT, Date.from(now)))
					.toList();
				insertMissing(chunk);
			}
			mongo.getCollection(ActivityDay.COLLECTION)
				.updateOne(new Document("_id", day.get("_id")),
						new Document("$unset", new Document(ActivityDay.LEGACY_EVENT_IDS, "")));
			taken += ids.size();
		}
		return taken;
	}

	private void insertMissing(List<Document> events) {
		try {
			mongo.getCollection(CountedEvent.COLLECTION).insertMany(events, new InsertManyOptions().ordered(false));
		}
		catch (MongoBulkWriteException e) {
			if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
				throw e;
			}
			// ids taken over by an interrupted run: kept as they are
		}
	}
}
