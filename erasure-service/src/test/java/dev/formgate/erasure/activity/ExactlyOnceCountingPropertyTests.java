package dev.formgate.erasure.activity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.testing.TestClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the order of deliveries, redeliveries, settlements and settlements interrupted at any step (a crash), every
 * report counts each event exactly once.
 */
class ExactlyOnceCountingPropertyTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
	static final MongoServer SERVER = new MongoServer(new MemoryBackend());
	static final MongoClient CLIENT = MongoClients.create(SERVER.bindAndGetConnectionString());
	static final Figure[] FIGURES = { Figure.CONSENTS_REQUESTED, Figure.CONTACT_REQUESTS_CLOSED };

	enum Step {
		DELIVER, REDELIVER, SETTLE, SETTLE_CRASHING_AFTER_MARKING, SETTLE_CRASHING_AFTER_ONE_DAY, REPORT
	}

	@AfterContainer
	static void close() {
		CLIENT.close();
		SERVER.shutdownNow();
	}

	@Provide
	Arbitrary<List<Step>> steps() {
		return Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(8, Arbitraries.just(Step.DELIVER)),
				net.jqwik.api.Tuple.of(5, Arbitraries.just(Step.REDELIVER)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just(Step.SETTLE)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just(Step.SETTLE_CRASHING_AFTER_MARKING)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just(Step.SETTLE_CRASHING_AFTER_ONE_DAY)),
				net.jqwik.api.Tuple.of(2, Arbitraries.just(Step.REPORT)))
			.list().ofMinSize(1).ofMaxSize(60);
	}

	@Property(tries = 60)
	void everyReportCountsEachEventOnce(@ForAll("steps") List<Step> steps, @ForAll long seed) {
		var mongo = new MongoTemplate(CLIENT, "exactly-once-" + UUID.randomUUID());
		var clock = new TestClock();
		var properties = new ActivityProperties(BERLIN, Duration.ofDays(730), Duration.ofDays(14), Duration.ofHours(1));
		var activity = new Activity(mongo, properties, clock);
		var settlement = new Settlement(mongo, properties.purgeInterval());
		var random = new Random(seed);
		LocalDate first = clock.instant().atZone(BERLIN).toLocalDate();
		// events of two days, the second one day later, so that settlements meet days in any state
		Instant[] occurred = { first.atStartOfDay(BERLIN).plusHours(10).toInstant(),
				first.plusDays(1).atStartOfDay(BERLIN).plusHours(10).toInstant() };
		Map<String, Integer> expected = new HashMap<>(); // "day figure" → distinct events
		List<Delivery> redeliverable = new ArrayList<>();

		for (Step step : steps) {
			switch (step) {
				case DELIVER -> {
					var delivery = new Delivery(UUID.randomUUID().toString(), occurred[random.nextInt(2)],
							FIGURES[random.nextInt(FIGURES.length)]);
					assertThat(activity.count(delivery.id(), delivery.at(), delivery.figure(), null)).isTrue();
					expected.merge(key(delivery.at(), delivery.figure()), 1, Integer::sum);
					redeliverable.add(delivery);
				}
				case REDELIVER -> {
					if (!redeliverable.isEmpty()) {
						var delivery = redeliverable.get(random.nextInt(redeliverable.size()));
						assertThat(activity.count(delivery.id(), delivery.at(), delivery.figure(), null)).isFalse();
					}
				}
				case SETTLE -> {
					// past the retention of event ids, and past a crashed batch's staleness
					clock.advance(Duration.ofDays(15).plusHours(2));
					activity.purge();
					redeliverable.clear(); // older than any topic keeps them: not delivered again
				}
				case SETTLE_CRASHING_AFTER_MARKING, SETTLE_CRASHING_AFTER_ONE_DAY -> {
					clock.advance(Duration.ofDays(15));
					Instant cutoff = clock.instant().atZone(BERLIN).toLocalDate().minusDays(14)
						.atStartOfDay(BERLIN).toInstant();
					String batch = clock.instant().toEpochMilli() + "-" + UUID.randomUUID();
					settlement.mark(cutoff, batch);
					if (step == Step.SETTLE_CRASHING_AFTER_ONE_DAY) {
						settlement.marked(cutoff).getOrDefault(batch, Map.of()).entrySet().stream().findFirst()
							.ifPresent(day -> settlement.addToDay(batch, day.getKey(), day.getValue()));
					}
					// the marked events are still there: redeliveries of them still count once
				}
				case REPORT -> assertReports(activity, first, expected);
			}
		}
		assertReports(activity, first, expected);
		clock.advance(Duration.ofDays(16));
		activity.purge();
		assertReports(activity, first, expected);
		assertThat(mongo.getCollection(CountedEvent.COLLECTION).countDocuments()).isZero();
	}

	private static void assertReports(Activity activity, LocalDate first, Map<String, Integer> expected) {
		var report = activity.report(first, first.plusDays(1));
		Map<String, Integer> counted = new HashMap<>();
		for (var day : report.days()) {
			put(counted, day.date() + " " + Figure.CONSENTS_REQUESTED, day.consentsRequested());
			put(counted, day.date() + " " + Figure.CONTACT_REQUESTS_CLOSED, day.contactRequestsClosed());
		}
		assertThat(counted).isEqualTo(expected);
	}

	private static void put(Map<String, Integer> counted, String key, long n) {
		if (n > 0) {
			counted.put(key, (int) n);
		}
	}

	private static String key(Instant at, Figure figure) {
		return at.atZone(BERLIN).toLocalDate() + " " + figure;
	}

	record Delivery(String id, Instant at, Figure figure) {
	}
}
