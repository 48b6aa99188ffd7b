package dev.formgate.observability;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxGaugesTests {

	static MongoServer server;
	static MongoTemplate mongo;

	@BeforeAll
	static void start() {
		server = new MongoServer(new MemoryBackend());
		mongo = new MongoTemplate(MongoClients.create(server.bindAndGetConnectionString()), "gauges");
	}

	@AfterAll
	static void stop() {
		server.shutdownNow();
	}

	@Test
	void countsOwedMailsAndEventsOfDocumentsTheRelayHasDue() {
		Date due = Date.from(Instant.parse("2026-11-25T10:00:00Z"));
		mongo.insert(new Document("relayDue", due).append("outbox", List.of(new Document("eventId", "1")))
			.append("mails", List.of(new Document("mailId", "a"), new Document("mailId", "b"))), "owing");
		mongo.insert(new Document("relayDue", due).append("outbox", List.of()).append("mails",
				List.of(new Document("mailId", "c"))), "owing");
		// held: mails kept for a restricted subject, nothing due
		mongo.insert(new Document("relayDue", null).append("outbox", List.of()).append("mails",
				List.of(new Document("mailId", "d"))), "owing");
		var registry = new SimpleMeterRegistry();

		new OutboxGauges(mongo, "owing", true, Duration.ZERO).bindTo(registry);

		assertThat(registry.get("formgate.outbox.mails").gauge().value()).isEqualTo(3);
		assertThat(registry.get("formgate.outbox.events").gauge().value()).isEqualTo(1);
	}

	@Test
	void readsTheStoreAtMostOncePerInterval() {
		var registry = new SimpleMeterRegistry();
		new OutboxGauges(mongo, "later", false, Duration.ofHours(1)).bindTo(registry);
		assertThat(registry.get("formgate.outbox.events").gauge().value()).isZero();

		mongo.insert(new Document("relayDue", new Date()).append("outbox", List.of(new Document("eventId", "1"))),
				"later");

		assertThat(registry.get("formgate.outbox.events").gauge().value()).isZero();
		assertThat(registry.find("formgate.outbox.mails").gauge()).isNull();
	}
}
