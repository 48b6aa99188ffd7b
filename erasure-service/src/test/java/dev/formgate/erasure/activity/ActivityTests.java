package dev.formgate.erasure.activity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.testing.TestClock;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The counting rules over the real MongoDB driver and an in-memory mongo-java-server, without Spring. */
class ActivityTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
	static final MongoServer SERVER = new MongoServer(new MemoryBackend());
	static final MongoClient CLIENT = MongoClients.create(SERVER.bindAndGetConnectionString());

	final MongoTemplate mongo = new MongoTemplate(CLIENT, "activity-" + UUID.randomUUID());
	final TestClock clock = new TestClock();
	final ActivityProperties properties = new ActivityProperties(BERLIN, Duration.ofDays(730), Duration.ofDays(14),
			Duration.ofHours(1));
	final Activity activity = new Activity(mongo, properties, clock);
	final LocalDate today = clock.instant().atZone(BERLIN).toLocalDate();
	final Instant noon = today.atStartOfDay(BERLIN).plusHours(12).toInstant();

	@AfterAll
	static void close() {
		CLIENT.close();
		SERVER.shutdownNow();
	}

	@Test
	void countsAnEventOnceHoweverOftenItIsDelivered() {
		String id = UUID.randomUUID().toString();

		assertThat(activity.count(id, noon, Figure.CONSENTS_REQUESTED, null)).isTrue();
		assertThat(activity.count(id, noon, Figure.CONSENTS_REQUESTED, null)).isFalse();
		assertThat(activity.count(UUID.randomUUID().toString(), noon, Figure.UNSUBSCRIBES, "LINK")).isTrue();

		var day = activity.report(today, today).days().getFirst();
		assertThat(day.consentsRequested()).isEqualTo(1);
		assertThat(day.unsubscribes()).containsEntry("LINK", 1L).containsEntry("ONE_CLICK", 0L);
	}

	@Test
	void keepsEveryDocumentSmallHoweverManyEventsADayCounts() {
		int events = 5_000;
		for (int i = 0; i < events; i++) {
			activity.count(UUID.randomUUID().toString(), noon, Figure.CONSENTS_REQUESTED, null);
		}
		clock.advance(Duration.ofDays(16));
		activity.purge();

		assertThat(activity.report(today, today).totals().consentsRequested()).isEqualTo(events);
		assertThat(mongo.getCollection(CountedEvent.COLLECTION).countDocuments()).isZero();
		List<Document> days = mongo.getCollection(ActivityDay.COLLECTION).find().into(new ArrayList<>());
		assertThat(days).singleElement().satisfies(day -> assertThat(bsonSize(day)).isLessThan(512));
	}

	@Test
	void settlesIntoTheDayAfterTheRetentionOfEventIdsAndKeepsCountingThatDay() {
		activity.count(UUID.randomUUID().toString(), noon, Figure.CONTACT_REQUESTS_RECEIVED, null);
		String lateRedelivered = UUID.randomUUID().toString();
		activity.count(lateRedelivered, noon, Figure.CONTACT_REQUESTS_RECEIVED, null);

		clock.advance(Duration.ofDays(14));
		activity.purge();
		assertThat(mongo.getCollection(CountedEvent.COLLECTION).countDocuments()).as("kept 14 days at least")
			.isEqualTo(2);
		assertThat(activity.count(lateRedelivered, noon, Figure.CONTACT_REQUESTS_RECEIVED, null)).isFalse();

		clock.advance(Duration.ofDays(2));
		activity.purge();
		activity.count(UUID.randomUUID().toString(), noon, Figure.CONTACT_REQUESTS_RECEIVED, null); // a late event

		assertThat(mongo.getCollection(CountedEvent.COLLECTION).countDocuments()).isEqualTo(1);
		assertThat(activity.report(today, today).totals().contactRequestsReceived()).isEqualTo(3);
	}

	@Test
	void repeatsAnInterruptedSettlementWithoutCountingTwice() {
		for (int i = 0; i < 3; i++) {
			activity.count(UUID.randomUUID().toString(), noon, Figure.CONSENTS_CONFIRMED, null);
		}
		clock.advance(Duration.ofDays(16));
		Instant cutoff = today.plusDays(1).atStartOfDay(BERLIN).toInstant();
		var settlement = new Settlement(mongo, properties.purgeInterval());
		String batch = clock.instant().toEpochMilli() + "-" + UUID.randomUUID();
		settlement.mark(cutoff, batch);
		settlement.marked(cutoff).get(batch).forEach((day, figures) -> settlement.addToDay(batch, day, figures));
		// crashed before deleting the batch's events: the report counts them once, in their day
		assertThat(activity.report(today, today).totals().consentsConfirmed()).isEqualTo(3);

		activity.purge();
		assertThat(mongo.getCollection(CountedEvent.COLLECTION).countDocuments()).as("not before the batch is stale")
			.isEqualTo(3);
		clock.advance(Duration.ofHours(2));
		activity.purge();

		assertThat(mongo.getCollection(CountedEvent.COLLECTION).countDocuments()).isZero();
		assertThat(activity.report(today, today).totals().consentsConfirmed()).isEqualTo(3);
	}

	@Test
	void takesOverTheIdsThatDaysOfTheFormerDesignListed() {
		String counted = UUID.randomUUID().toString();
		mongo.getCollection(ActivityDay.COLLECTION).insertOne(new Document("_id", today.toString())
			.append("consentsRequested", 2L).append("unsubscribes", new Document("LINK", 1L))
			.append("eventIds", List.of(counted, UUID.randomUUID().toString(), UUID.randomUUID().toString())));

		assertThat(activity.takeOverLegacyIds()).isEqualTo(3);
		assertThat(activity.takeOverLegacyIds()).isZero();

		assertThat(activity.count(counted, noon, Figure.CONSENTS_REQUESTED, null)).isFalse();
		assertThat(mongo.getCollection(ActivityDay.COLLECTION).find().first()).doesNotContainKey("eventIds");
		var figures = activity.report(today, today).totals();
		assertThat(figures.consentsRequested()).isEqualTo(2);
		assertThat(figures.unsubscribes()).containsEntry("LINK", 1L);
		clock.advance(Duration.ofDays(16));
		activity.purge();
		assertThat(activity.report(today, today).totals().consentsRequested()).isEqualTo(2);
		assertThat(mongo.getCollection(CountedEvent.COLLECTION).countDocuments()).isZero();
	}

	@Test
	void deletesDaysAfterTwoYears() {
		for (LocalDate day : List.of(today.minusDays(731), today.minusDays(729))) {
			mongo.getCollection(ActivityDay.COLLECTION)
				.insertOne(new Document("_id", day.toString()).append("expiredSignUps", 1L));
		}

		activity.purge();

		assertThat(activity.report(today.minusDays(730), today).totals().expiredSignUps()).isEqualTo(1);
		assertThat(mongo.getCollection(ActivityDay.COLLECTION).countDocuments()).isEqualTo(1);
	}

	static int bsonSize(Document document) {
		return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
	}
}
