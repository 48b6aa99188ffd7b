package dev.formgate.mail;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.events.SubjectRefs;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The cooldown's rules over the real MongoDB driver and an in-memory mongo-java-server. */
class InboxCooldownsTests {

	static final Duration COOLDOWN = Duration.ofMinutes(15);
	static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

	final MongoServer server = new MongoServer(new MemoryBackend());
	final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
	final MongoTemplate mongo = new MongoTemplate(client, "cooldown-tests");
	final InboxCooldowns cooldowns = new InboxCooldowns(mongo, new SubjectRefs("p".repeat(32)), "test_cooldowns");

	@AfterEach
	void close() {
		client.close();
		server.shutdownNow();
	}

	@Test
	void allowsOneMailPerInboxWithinTheCooldownWhicheverVariantAsks() {
		assertThat(cooldowns.claim("erika+news@example.org", "news", NOW, COOLDOWN)).isTrue();
		assertThat(cooldowns.claim("Erika@Example.org", "news", NOW.plusSeconds(60), COOLDOWN)).isFalse();
		assertThat(cooldowns.claim("erika+other@example.org", "news", NOW.plus(COOLDOWN).minusSeconds(1), COOLDOWN))
			.isFalse();
		assertThat(cooldowns.claim("erika@example.org", "news", NOW.plus(COOLDOWN), COOLDOWN)).isTrue();
	}

	@Test
	void countsEachScopeAndInboxApart() {
		assertThat(cooldowns.claim("erika@example.org", "news", NOW, COOLDOWN)).isTrue();
		assertThat(cooldowns.claim("erika@example.org", "events", NOW, COOLDOWN)).isTrue();
		assertThat(cooldowns.claim("max@example.org", "news", NOW, COOLDOWN)).isTrue();
	}

	@Test
	void releasedInboxMayBeMailedAtOnce() {
		cooldowns.claim("erika@example.org", "news", NOW, COOLDOWN);
		cooldowns.release("erika+x@example.org", "news");
		assertThat(cooldowns.claim("erika@example.org", "news", NOW.plusSeconds(1), COOLDOWN)).isTrue();
	}

	@Test
	void zeroCooldownAlwaysAllows() {
		assertThat(cooldowns.claim("erika@example.org", "news", NOW, Duration.ZERO)).isTrue();
		assertThat(cooldowns.claim("erika@example.org", "news", NOW, Duration.ZERO)).isTrue();
	}

	@Test
	void storesOnlyAKeyedHashOfTheInboxAndPurgesClaimsThatAreOver() {
		cooldowns.claim("erika@example.org", "news", NOW, COOLDOWN);
		cooldowns.claim("max@example.org", "news", NOW.plus(COOLDOWN), COOLDOWN);
		assertThat(mongo.findAll(Document.class, "test_cooldowns").toString()).doesNotContain("erika")
			.doesNotContain("example.org");
		assertThat(cooldowns.purge(NOW.plus(COOLDOWN))).isEqualTo(1);
		assertThat(mongo.getCollection("test_cooldowns").countDocuments()).isEqualTo(1);
	}
}
