package dev.formgate.newsletter.subscription;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.newsletter.subscription.Suppressions.Cause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who staff may sign up again, over the real MongoDB driver and an in-memory mongo-java-server: leaving one list
 * suppresses that list only; an objection or complaint suppresses every list and is never narrowed by a later
 * unsubscribe; the person's own confirmed sign-up lifts what it covers.
 */
class SuppressionsTests {

	static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
	static final SubjectRefs REFS = new SubjectRefs("p".repeat(32));
	static final SubjectRef ERIKA = REFS.of("erika@example.org");
	static final SubjectRef MAX = REFS.of("max@example.org");

	final MongoServer server = new MongoServer(new MemoryBackend());
	final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
	final Suppressions suppressions = new Suppressions(new MongoTemplate(client, "suppression-tests"));

	@AfterEach
	void close() {
		client.close();
		server.shutdownNow();
	}

	@Test
	void leavingAListSuppressesThatListOnlyAndKeepsTheSubjectInCampaigns() {
		suppressions.addForList(ERIKA, "news", NOW);
		suppressions.addForList(ERIKA, "news", NOW.plusSeconds(5));
		suppressions.addForList(ERIKA, "events", NOW.plusSeconds(10));

		assertThat(suppressions.isSuppressed(ERIKA, "news")).isTrue();
		assertThat(suppressions.isSuppressed(ERIKA, "events")).isTrue();
		assertThat(suppressions.isSuppressed(ERIKA, "digest")).isFalse();
		assertThat(suppressions.isSuppressed(ERIKA)).as("held about her").isTrue();
		assertThat(suppressions.suppressedAmong(List.of(ERIKA.value()))).as("still gets the other lists").isEmpty();
		assertThat(suppressions.find(ERIKA)).hasValueSatisfying(s -> {
			assertThat(s.lists()).containsExactlyInAnyOrder("news", "events");
			assertThat(s.since()).isEqualTo(NOW);
			assertThat(s.cause()).isEqualTo(Cause.UNSUBSCRIBED);
		});
	}

	@Test
	void anObjectionHoldsForEveryListAndALaterUnsubscribeDoesNotNarrowIt() {
		suppressions.addForList(ERIKA, "news", NOW);
		suppressions.add(ERIKA, Cause.OBJECTION, NOW.plusSeconds(5));
		suppressions.addForList(ERIKA, "events", NOW.plusSeconds(10));

		assertThat(suppressions.isSuppressed(ERIKA, "digest")).isTrue();
		assertThat(suppressions.suppressedAmong(List.of(ERIKA.value(), MAX.value()))).containsExactly(ERIKA.value());
		assertThat(suppressions.find(ERIKA)).hasValueSatisfying(s -> {
			assertThat(s.lists()).isNull();
			assertThat(s.cause()).isEqualTo(Cause.OBJECTION);
			assertThat(s.since()).as("the first entry's time").isEqualTo(NOW);
		});
	}

	@Test
	void theOwnConfirmedSignUpLiftsTheListItIsForOrAnEntryForEveryList() {
		suppressions.addForList(ERIKA, "news", NOW);
		suppressions.addForList(ERIKA, "events", NOW);
		suppressions.add(MAX, Cause.COMPLAINT, NOW);

		suppressions.lift(ERIKA, "events");
		suppressions.lift(MAX, "digest");

		assertThat(suppressions.isSuppressed(ERIKA, "events")).isFalse();
		assertThat(suppressions.isSuppressed(ERIKA, "news")).isTrue();
		assertThat(suppressions.isSuppressed(MAX)).isFalse();
		suppressions.lift(ERIKA, "news");
		assertThat(suppressions.isSuppressed(ERIKA)).as("nothing left to hold").isFalse();
	}

	@Test
	void theEntryFollowsACorrectedAddressWithItsLists() {
		suppressions.addForList(ERIKA, "news", NOW);

		suppressions.move(ERIKA, MAX);

		assertThat(suppressions.isSuppressed(ERIKA)).isFalse();
		assertThat(suppressions.find(MAX)).hasValueSatisfying(s -> assertThat(s.lists()).isEqualTo(Set.of("news")));
	}
}
