package dev.formgate.erasure.activity;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.formgate.events.NewsletterEvent.Unsubscribed;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Counts events into calendar days, each event once: counting an event is inserting a {@link CountedEvent} whose id is
 * the event's, so a redelivery's insert fails and a crash before or after the one write neither loses nor doubles the
 * count — no multi-document step, and no document that grows with the day's events. The consumer counts what it polled
 * together: one store command per batch, each event still its own document. After the retention of event ids
 * the counted events are added to their days ({@link Settlement}); the report adds the days' settled counts and the
 * events not settled yet.
 */
@Service
class Activity {

	private static final Logger log = LoggerFactory.getLogger(Activity.class);

	/** MongoDB's error code for a unique key already taken. */
	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;
	private final ActivityProperties properties;
	private final Clock clock;
	private final Settlement settlement;

	Activity(MongoTemplate mongo, ActivityProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
		this.settlement = new Settlement(mongo, properties.purgeInterval());
	}

	/** One event to count: its CloudEvents id, when it happened, the figure and (for unsubscribes) the reason. */
	record Counted(String eventId, Instant occurredAt, Figure figure, String reason) {
	}

	/** Counts the event on the day it happened; returns false if it was counted before. */
	boolean count(String eventId, Instant occurredAt, Figure figure, String reason) {
		return count(List.of(new Counted(eventId, occurredAt, figure, reason))) == 1;
	}

	/**
	 * Counts each event on the day it happened, in one store command for all of them (a batch the consumer polled):
	 * each is still its own document, inserted or refused on its own, so those counted before (redeliveries, or twice
	 * in the batch) are refused by their ids and the rest counted. Returns how many were new.
	 */
	int count(List<Counted> events) {
		if (events.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		List<CountedEvent> documents = new ArrayList<>(events.size());
		for (Counted event : events) {
			String day = event.occurredAt().atZone(properties.zone()).toLocalDate().toString();
			String field = event.reason() == null ? event.figure().field : event.figure().field + "." + event.reason();
			documents.add(new CountedEvent(event.eventId(), day, field, now, null));
		}
		try {
			return mongo.bulkOps(BulkMode.UNORDERED, CountedEvent.class).insert(documents).execute().getInsertedCount();
		}
		catch (BulkOperationException e) {
			if (e.getErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
				throw e;
			}
			return documents.size() - e.getErrors().size(); // the others were counted before: redeliveries
		}
	}

	/**
	 * Every day from {@code from} to {@code to} (inclusive), days without events as zeros, and the totals. Reads the
	 * counted events before the days: a settlement adds a batch to its day before it deletes the batch's events, so
	 * each event is seen either among the counted events or in its day (whose batches then name it), never twice.
	 */
	Report report(LocalDate from, LocalDate to) {
		List<Document> unsettled = mongo
			.aggregate(Aggregation.newAggregation(
					match(where(CountedEvent.DAY).gte(from.toString()).lte(to.toString())),
					group(CountedEvent.DAY, CountedEvent.FIGURE, CountedEvent.BATCH).count().as("n")),
					CountedEvent.class, Document.class)
			.getMappedResults();
		Map<String, ActivityDay> stored = mongo
			.find(query(where("_id").gte(from.toString()).lte(to.toString())), ActivityDay.class)
			.stream().collect(Collectors.toMap(ActivityDay::date, Function.identity()));
		Map<String, Map<String, Long>> counts = new HashMap<>();
		stored.forEach((day, row) -> counts.put(day, Figures.counts(row)));
		for (Document group : unsettled) {
			Document key = group.get("_id", Document.class);
			String day = key.getString(CountedEvent.DAY);
			String figure = key.getString(CountedEvent.FIGURE);
			String batch = key.getString(CountedEvent.BATCH);
			ActivityDay row = stored.get(day);
			boolean settled = batch != null && row != null && row.batches() != null && row.batches().contains(batch);
			if (figure != null && !settled) {
				counts.computeIfAbsent(day, d -> new HashMap<>())
					.merge(figure, ((Number) group.get("n")).longValue(), Long::sum);
			}
		}
		List<Figures> days = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			days.add(Figures.of(day, counts.getOrDefault(day.toString(), Map.of())));
		}
		return new Report(from, to, days, Figures.sum(days));
	}

	/**
	 * Adds the events counted longer ago than the retention of event ids to their days (from then on a redelivery
	 * would count again: the retention is longer than the topics keep events), deletes days past their retention,
	 * and takes over ids that days written by an earlier version still list.
	 */
	void purge() {
		Instant now = clock.instant();
		LocalDate today = now.atZone(properties.zone()).toLocalDate();
		long migrated = settlement.takeOverLegacyIds(now);
		// Whole days only: one settlement per day touches a day's document (its batches stay few).
		Instant countedBefore = today.minusDays(properties.eventIdsRetention().toDays())
			.atStartOfDay(properties.zone()).toInstant();
		long settled = settlement.settle(countedBefore, now);
		String oldestKept = today.minusDays(properties.retention().toDays()).toString();
		long days = mongo.remove(query(where("_id").lt(oldestKept)), ActivityDay.class).getDeletedCount();
		if (days + settled + migrated > 0) {
			log.info("Activity figures: {} counted events settled into their days, {} days past retention deleted, "
					+ "{} event ids taken over from days", settled, days, migrated);
		}
	}

	/** Takes over the ids days written by an earlier version list (see {@link Settlement#takeOverLegacyIds}). */
	long takeOverLegacyIds() {
		long taken = settlement.takeOverLegacyIds(clock.instant());
		if (taken > 0) {
			log.info("Activity figures: {} event ids taken over from days", taken);
		}
		return taken;
	}

	record Report(LocalDate from, LocalDate to, List<Figures> days, Figures totals) {
	}

	/** One day's figures, or the totals (then without date). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Figures(LocalDate date, long consentsRequested, long consentsConfirmed, Map<String, Long> unsubscribes,
			long expiredSignUps, long contactRequestsReceived, long contactRequestsClosed, long bounces,
			long complaints, long commentsPosted, long commentsPublished, long commentsRejected, long commentsRemoved) {

		private static final String UNSUBSCRIBES = Figure.UNSUBSCRIBES.field + ".";

		/** A stored day's counts by field ({@code consentsRequested}, {@code unsubscribes.LINK}, …). */
		static Map<String, Long> counts(ActivityDay row) {
			Map<String, Long> counts = new HashMap<>();
			put(counts, Figure.CONSENTS_REQUESTED, row.consentsRequested());
			put(counts, Figure.CONSENTS_CONFIRMED, row.consentsConfirmed());
			put(counts, Figure.EXPIRED_SIGN_UPS, row.expiredSignUps());
			put(counts, Figure.CONTACT_REQUESTS_RECEIVED, row.contactRequestsReceived());
			put(counts, Figure.CONTACT_REQUESTS_CLOSED, row.contactRequestsClosed());
			put(counts, Figure.BOUNCES, row.bounces());
			put(counts, Figure.COMPLAINTS, row.complaints());
			put(counts, Figure.COMMENTS_POSTED, row.commentsPosted());
			put(counts, Figure.COMMENTS_PUBLISHED, row.commentsPublished());
			put(counts, Figure.COMMENTS_REJECTED, row.commentsRejected());
			put(counts, Figure.COMMENTS_REMOVED, row.commentsRemoved());
			if (row.unsubscribes() != null) {
				row.unsubscribes().forEach((reason, n) -> counts.put(UNSUBSCRIBES + reason, n));
			}
			return counts;
		}

		private static void put(Map<String, Long> counts, Figure figure, Long n) {
			if (n != null) {
				counts.put(figure.field, n);
			}
		}

		static Figures of(LocalDate date, Map<String, Long> counts) {
			Map<String, Long> unsubscribes = new HashMap<>();
			counts.forEach((field, n) -> {
				if (field.startsWith(UNSUBSCRIBES)) {
					unsubscribes.put(field.substring(UNSUBSCRIBES.length()), n);
				}
			});
			return new Figures(date, n(counts, Figure.CONSENTS_REQUESTED), n(counts, Figure.CONSENTS_CONFIRMED),
					reasons(unsubscribes), n(counts, Figure.EXPIRED_SIGN_UPS),
					n(counts, Figure.CONTACT_REQUESTS_RECEIVED), n(counts, Figure.CONTACT_REQUESTS_CLOSED),
					n(counts, Figure.BOUNCES), n(counts, Figure.COMPLAINTS), n(counts, Figure.COMMENTS_POSTED),
					n(counts, Figure.COMMENTS_PUBLISHED), n(counts, Figure.COMMENTS_REJECTED),
					n(counts, Figure.COMMENTS_REMOVED));
		}

		private static long n(Map<String, Long> counts, Figure figure) {
			return counts.getOrDefault(figure.field, 0L);
		}

		static Figures sum(List<Figures> days) {
			Map<String, Long> unsubscribes = reasons(Map.of());
			days.forEach(d -> d.unsubscribes().forEach((reason, n) -> unsubscribes.merge(reason, n, Long::sum)));
			return new Figures(null, days.stream().mapToLong(Figures::consentsRequested).sum(),
					days.stream().mapToLong(Figures::consentsConfirmed).sum(), unsubscribes,
					days.stream().mapToLong(Figures::expiredSignUps).sum(),
					days.stream().mapToLong(Figures::contactRequestsReceived).sum(),
					days.stream().mapToLong(Figures::contactRequestsClosed).sum(),
					days.stream().mapToLong(Figures::bounces).sum(), days.stream().mapToLong(Figures::complaints).sum(),
					days.stream().mapToLong(Figures::commentsPosted).sum(),
					days.stream().mapToLong(Figures::commentsPublished).sum(),
					days.stream().mapToLong(Figures::commentsRejected).sum(),
					days.stream().mapToLong(Figures::commentsRemoved).sum());
		}

		/** Every reason, zero where nothing happened, in the catalogue's order. */
		private static Map<String, Long> reasons(Map<String, Long> counted) {
			Map<String, Long> all = new LinkedHashMap<>();
			for (var reason : Unsubscribed.Reason.values()) {
				all.put(reason.name(), counted.getOrDefault(reason.name(), 0L));
			}
			counted.forEach(all::putIfAbsent);
			return all;
		}
	}
}
