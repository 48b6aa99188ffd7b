package dev.formgate.erasure.activity;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.formgate.events.NewsletterEvent.Unsubscribed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Counts events into calendar days, each event once: the day's document takes the count and the event's id in one
 * conditional write, which matches only if the id is not there yet. So neither a redelivery nor a crash between
 * counting and committing the offset counts twice, and nothing counted is lost (no multi-document step).
 */
@Service
class Activity {

	private static final Logger log = LoggerFactory.getLogger(Activity.class);

	private final MongoTemplate mongo;
	private final ActivityProperties properties;
	private final Clock clock;

	Activity(MongoTemplate mongo, ActivityProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	/** Counts the event on the day it happened; returns false if it was counted before. */
	boolean count(String eventId, Instant occurredAt, Figure figure, String reason) {
		String date = occurredAt.atZone(properties.zone()).toLocalDate().toString();
		String field = reason == null ? figure.field : figure.field + "." + reason;
		try {
			var result = mongo.upsert(query(where("_id").is(date).and("eventIds").ne(eventId)),
					new Update().inc(field, 1).push("eventIds", eventId), ActivityDay.class);
			return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
		}
		catch (DuplicateKeyException e) {
			return false; // the day exists and has the id: no match, so the upsert tried to create the day again
		}
	}

	/** Every day from {@code from} to {@code to} (inclusive), days without events as zeros, and the totals. */
	Report report(LocalDate from, LocalDate to) {
		Map<String, ActivityDay> stored = mongo
			.find(query(where("_id").gte(from.toString()).lte(to.toString())), ActivityDay.class)
			.stream().collect(Collectors.toMap(ActivityDay::date, Function.identity()));
		List<Figures> days = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			ActivityDay row = stored.get(day.toString());
			days.add(row == null ? Figures.zero(day) : Figures.of(day, row));
		}
		return new Report(from, to, days, Figures.sum(days));
	}

	/** Deletes days past the retention and forgets event ids past theirs. */
	void purge() {
		LocalDate today = clock.instant().atZone(properties.zone()).toLocalDate();
		String oldestKept = today.minusDays(properties.retention().toDays()).toString();
		long days = mongo.remove(query(where("_id").lt(oldestKept)), ActivityDay.class).getDeletedCount();
		String idsKeptFrom = today.minusDays(properties.eventIdsRetention().toDays()).toString();
		mongo.updateMulti(query(where("_id").lt(idsKeptFrom).and("eventIds").exists(true)),
				new Update().unset("eventIds"), ActivityDay.class);
		if (days > 0) {
			log.info("Retention: {} days of activity figures deleted", days);
		}
	}

	record Report(LocalDate from, LocalDate to, List<Figures> days, Figures totals) {
	}

	/** One day's figures, or the totals (then without date). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Figures(LocalDate date, long consentsRequested, long consentsConfirmed, Map<String, Long> unsubscribes,
			long expiredSignUps, long contactRequestsReceived, long contactRequestsClosed) {

		static Figures zero(LocalDate date) {
			return new Figures(date, 0, 0, reasons(Map.of()), 0, 0, 0);
		}

		static Figures of(LocalDate date, ActivityDay row) {
			return new Figures(date, n(row.consentsRequested()), n(row.consentsConfirmed()),
					reasons(row.unsubscribes() == null ? Map.of() : row.unsubscribes()), n(row.expiredSignUps()),
					n(row.contactRequestsReceived()), n(row.contactRequestsClosed()));
		}

		private static long n(Long count) {
			return count == null ? 0 : count;
		}

		static Figures sum(List<Figures> days) {
			Map<String, Long> unsubscribes = reasons(Map.of());
			days.forEach(d -> d.unsubscribes().forEach((reason, n) -> unsubscribes.merge(reason, n, Long::sum)));
			return new Figures(null, days.stream().mapToLong(Figures::consentsRequested).sum(),
					days.stream().mapToLong(Figures::consentsConfirmed).sum(), unsubscribes,
					days.stream().mapToLong(Figures::expiredSignUps).sum(),
					days.stream().mapToLong(Figures::contactRequestsReceived).sum(),
					days.stream().mapToLong(Figures::contactRequestsClosed).sum());
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
