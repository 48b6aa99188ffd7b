package dev.formgate.gateway.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests counted per day, path, status, browser and OS family and referrer host, in memory, then added to the
 * gateway's database every few seconds. No address, not even anonymised, reaches the statistics. Days older than the
 * retention are deleted.
 */
@Component
class DailyStatistics {

	static final String COLLECTION = "daily_statistics";
	private static final Logger log = LoggerFactory.getLogger(DailyStatistics.class);

	record Key(String day, String path, int status, String browser, String os, String referrer) {

		/**
		 * The document's {@code _id}: each flush adds to a day's row by its unique key, which every store looks up
		 * directly (a query on the six fields would scan all two years of rows on the embedded store, every flush).
		 * The path comes last, so that no other field's text can make two keys alike.
		 */
		String id() {
			return day + "|" + status + "|" + browser + "|" + os + "|" + referrer + "|" + path;
		}
	}

	private record Counts(LongAdder requests, LongAdder bytes) {
	}

	/** A day and its text, so that the text is made once a day rather than once per request. */
	private record Day(long epochDay, String text) {
	}

	private final Map<Key, Counts> pending = new ConcurrentHashMap<>();
	private volatile Day today = new Day(Long.MIN_VALUE, "");
	private final ReactiveMongoTemplate store;
	private final UsageProperties properties;
	private final Clock clock;

	DailyStatistics(ReactiveMongoTemplate store, UsageProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		// purge() asks for the day: an index, so that it reads only the days past retention on any store
		store.indexOps(COLLECTION).createIndex(new Index("day", Sort.Direction.ASC))
			.onErrorComplete()
			.subscribe();
	}

	void count(Instant time, String path, int status, UserAgents.Family family, String referrer, long bytes) {
		String day = day(time);
		Counts counts = pending.computeIfAbsent(new Key(day, path, status, family.browser(), family.os(), referrer),
				key -> new Counts(new LongAdder(), new LongAdder()));
		counts.requests().increment();
		counts.bytes().add(bytes);
	}

	/** The UTC day of {@code time} as ISO text ({@code 2026-12-03}). */
	private String day(Instant time) {
		long epochDay = Math.floorDiv(time.getEpochSecond(), 86_400L);
		Day day = today;
		if (day.epochDay() != epochDay) {
			day = new Day(epochDay, LocalDate.ofEpochDay(epochDay).toString());
			today = day;
		}
		return day.text();
	}

	@Scheduled(fixedDelayString = "${formgate.gateway.usage.flush-interval:10s}")
	void flush() {
		Flux.fromIterable(pending.keySet()).concatMap(key -> {
			Counts counts = pending.remove(key);
			Query query = Query.query(Criteria.where("_id").is(key.id()));
			Update update = new Update().setOnInsert("day", key.day()).setOnInsert("path", key.path())
				.setOnInsert("status", key.status()).setOnInsert("browser", key.browser()).setOnInsert("os", key.os())
				.setOnInsert("referrer", key.referrer()).inc("requests", counts.requests().sum())
				.inc("bytes", counts.bytes().sum());
			return store.upsert(query, update, COLLECTION);
		}).then().doOnError(e -> log.warn("Statistics not stored this round: {}", e.getClass().getSimpleName()))
			.onErrorComplete().block();
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${formgate.gateway.usage.purge-interval:1h}")
	void purge() {
		String oldestKept = LocalDate.ofInstant(clock.instant().minus(properties.statisticsRetention()), ZoneOffset.UTC)
			.toString();
		var result = store.remove(Query.query(Criteria.where("day").lt(oldestKept)), COLLECTION).block();
		if (result != null && result.getDeletedCount() > 0) {
			log.info("Purged {} daily statistics older than {}", result.getDeletedCount(), oldestKept);
		}
	}
}
