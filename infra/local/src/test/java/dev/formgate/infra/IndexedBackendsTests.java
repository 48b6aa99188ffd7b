package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store answers the queries the services send on the indexes they declare, without reading whole
 * collections, and with the answers it gave before.
 */
class IndexedBackendsTests {

	static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

	final StoreScans scans = new StoreScans();
	final List<AutoCloseable> open = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : open.reversed()) {
			closeable.close();
		}
	}

	MongoCollection<Document> collection(MongoServer server) {
		MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
		open.add(client);
		open.add(server::shutdownNow);
		return client.getDatabase("plans").getCollection("requests");
	}

	MongoCollection<Document> inMemory() {
		return collection(new MongoServer(IndexedBackends.memory(scans)));
	}

	static void fill(MongoCollection<Document> requests, int n) {
		requests.insertMany(IntStream.range(0, n)
			.mapToObj(i -> new Document("_id", "r" + i).append("version", 0L).append("subjectRef", "s" + (i % 100))
				.append("requests", i % 2 == 0 ? List.of() : List.of("x" + i))
				.append("relayDue", i % 10 == 0 ? Date.from(NOW.plusSeconds(i)) : null))
			.toList());
	}

	@Test
	void findsAVersionedDocumentByIdAloneAndStillChecksTheVersion() {
		var requests = inMemory();
		fill(requests, 1_000);

		var stale = requests.updateOne(Filters.and(Filters.eq("_id", "r7"), Filters.eq("version", 3L)),
				Updates.set("version", 4L));
		var current = requests.updateOne(Filters.and(Filters.eq("_id", "r7"), Filters.eq("version", 0L)),
				Updates.set("version", 1L));
		var deleted = requests.deleteOne(Filters.and(Filters.eq("_id", "r8"), Filters.size("requests", 0)));
		var kept = requests.deleteOne(Filters.and(Filters.eq("_id", "r9"), Filters.size("requests", 0)));

		assertThat(stale.getMatchedCount()).isZero();
		assertThat(current.getModifiedCount()).isOne();
		assertThat(deleted.getDeletedCount()).isOne();
		assertThat(kept.getDeletedCount()).isZero();
		assertThat(requests.countDocuments(Filters.in("_id", "r7", "r8", "r9"))).isEqualTo(2);
		assertThat(scans.counts()).isEmpty();
	}

	@Test
	void answersRangesOnADeclaredIndexWithoutAScanAndKeepsItInStep() {
		var requests = inMemory();
		requests.createIndex(Indexes.ascending("relayDue"));
		fill(requests, 1_000);

		assertThat(ids(requests, Filters.lte("relayDue", Date.from(NOW.plusSeconds(50)))))
			.containsExactlyInAnyOrder("r0", "r10", "r20", "r30", "r40", "r50");
		requests.updateOne(Filters.eq("_id", "r20"), Updates.unset("relayDue"));
		requests.updateOne(Filters.eq("_id", "r21"), Updates.set("relayDue", Date.from(NOW)));
		requests.deleteOne(Filters.eq("_id", "r30"));
		requests.insertOne(new Document("_id", "new").append("relayDue", Date.from(NOW.minusSeconds(1))));

		assertThat(ids(requests, Filters.lte("relayDue", Date.from(NOW.plusSeconds(50)))))
			.containsExactlyInAnyOrder("new", "r0", "r10", "r21", "r40", "r50");
		assertThat(ids(requests, Filters.and(Filters.gt("relayDue", Date.from(NOW.plusSeconds(980))),
				Filters.eq("version", 0L)))).containsExactly("r990");
		assertThat(ids(requests, new Document("relayDue", new Document("$gte", Date.from(NOW.plusSeconds(40)))
			.append("$lt", Date.from(NOW.plusSeconds(70)))))).containsExactlyInAnyOrder("r40", "r50", "r60");
		assertThat(scans.counts()).isEmpty();

		assertThat(requests.countDocuments(Filters.eq("subjectRef", "s1"))).isEqualTo(10);
		assertThat(scans.counts()).containsOnlyKeys("plans.requests {subjectRef}");
		assertThat(scans.counts().get("plans.requests {subjectRef}")).containsExactly(1, 1_000);
	}

	@Test
	void countsTheDocumentsANullMatchFindsThoughASparseIndexLacksThem() {
		var requests = inMemory();
		requests.createIndex(Indexes.ascending("c"), new IndexOptions().unique(true).sparse(true));
		requests.insertOne(new Document("_id", "d0"));
		requests.insertOne(new Document("_id", "d1").append("c", 0));
		requests.insertOne(new Document("_id", "d2").append("c", 7));

		assertThat(requests.countDocuments(Filters.in("c", null, 0))).isEqualTo(2);
		assertThat(requests.countDocuments(Filters.eq("c", null))).isEqualTo(1);
		assertThat(scans.counts()).containsOnlyKeys("plans.requests {c}");
	}

	@Test
	void countsAndFindsMoreThanOneBatchThroughAnIndex() {
		var requests = inMemory();
		requests.createIndex(Indexes.ascending("version"));
		fill(requests, 1_000);
		requests.updateMany(Filters.in("_id", "r1", "r2", "r3"), Updates.set("version", 1L));

		assertThat(requests.countDocuments(Filters.eq("version", 0L))).isEqualTo(997);
		assertThat(requests.countDocuments(Filters.lt("version", 5L))).isEqualTo(1_000);
		assertThat(ids(requests, Filters.eq("version", 0L))).hasSize(997).doesNotContain("r1", "r2", "r3");
		assertThat(scans.counts()).isEmpty();
	}

	@Test
	void walksAListInIdOrderABatchAtATimeSeeingWritesAheadOfTheCursor(@TempDir Path dir) {
		walksAListInIdOrder(inMemory());
		walksAListInIdOrder(collection(new MongoServer(IndexedBackends.file(dir.resolve("s.mv").toString(), scans))));
	}

	/** As a campaign selects its recipients: one list's active subscriptions, streamed in id order. */
	void walksAListInIdOrder(MongoCollection<Document> subscriptions) {
		// declared first, as newsletter-service declares it: it narrows {list, state} too, by state alone
		subscriptions.createIndex(Indexes.ascending("state", "lastConfirmationMailAt"));
		subscriptions.createIndex(Indexes.ascending("list", "state", "_id"));
		subscriptions.insertMany(IntStream.range(0, 3_000)
			.mapToObj(i -> new Document("_id", "s%05d".formatted(i)).append("list", i % 3 == 0 ? "events" : "news")
				.append("state", i % 7 == 0 ? "ENDED" : "ACTIVE").append("email", "x" + i + "@example.org"))
			.toList());
		var active = Filters.and(Filters.eq("list", "news"), Filters.eq("state", "ACTIVE"));
		List<String> expected = ids(subscriptions, active).stream().sorted().toList();

		List<String> walked = new ArrayList<>();
		try (var cursor = subscriptions.find(Filters.and(active, Filters.gt("_id", "s00010")))
			.sort(Indexes.ascending("_id")).projection(new Document("list", 1)).batchSize(100).cursor()) {
			while (walked.size() < 150) {
				Document next = cursor.next();
				assertThat(next.keySet()).containsExactly("_id", "list");
				walked.add(next.getString("_id"));
			}
			// ahead of the cursor: one more subscription, one removed and one ended
			subscriptions.insertOne(new Document("_id", "s09999").append("list", "news").append("state", "ACTIVE"));
			subscriptions.deleteOne(Filters.eq("_id", "s02000"));
			subscriptions.updateOne(Filters.eq("_id", "s02500"), Updates.set("state", "ENDED"));
			cursor.forEachRemaining(d -> walked.add(d.getString("_id")));
		}

		List<String> now = new ArrayList<>(expected.stream().filter(id -> id.compareTo("s00010") > 0)
			.filter(id -> !id.equals("s02000") && !id.equals("s02500")).toList());
		now.add("s09999");
		assertThat(walked).isSortedAccordingTo(String::compareTo).containsExactlyElementsOf(now);
		assertThat(ids(subscriptions, active)).hasSize(expected.size() - 1);
		assertThat(subscriptions.find(active).sort(Indexes.ascending("_id")).skip(5).limit(10).batchSize(3)
			.map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactlyElementsOf(
					ids(subscriptions, active).stream().sorted().skip(5).limit(10).toList());
		assertThat(scans.counts()).isEmpty();
	}

	@Test
	void rebuildsTheIndexesOfTheFileBackedStoreWhenItOpensAgain(@TempDir Path dir) {
		String file = dir.resolve("store.mv").toString();
		var first = new MongoServer(IndexedBackends.file(file, scans));
		var requests = collection(first);
		requests.createIndex(Indexes.ascending("relayDue"));
		requests.createIndex(Indexes.ascending("subjectRef", "version"), new IndexOptions().unique(false));
		fill(requests, 500);
		first.shutdownNow();

		var again = collection(new MongoServer(IndexedBackends.file(file, scans)));

		assertThat(ids(again, Filters.lt("relayDue", Date.from(NOW.plusSeconds(25)))))
			.containsExactlyInAnyOrder("r0", "r10", "r20");
		assertThat(again.countDocuments(Filters.and(Filters.eq("subjectRef", "s3"), Filters.eq("version", 0L))))
			.isEqualTo(5);
		assertThat(ids(again, new Document("subjectRef", new Document("$in", List.of("s3", "s4")))
			.append("version", new Document("$gte", 0L).append("$lt", 1L)))).hasSize(10);
		assertThat(again.updateOne(Filters.and(Filters.eq("_id", "r3"), Filters.eq("version", 0L)),
				Updates.inc("version", 1L)).getModifiedCount()).isOne();
		assertThat(scans.counts()).isEmpty();
	}

	static List<String> ids(MongoCollection<Document> collection, org.bson.conversions.Bson filter) {
		return collection.find(filter).map(d -> d.getString("_id")).into(new ArrayList<>());
	}
}
