package dev.formgate.gateway.abuse;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared buckets against a real MongoDB driver and mongo-java-server: two gateway instances (two {@link RateLimits}
 * with their own memory) count against one limit, and what a request costs in store commands. Run alone, it prints
 * the figures docs/security.md quotes:
 * {@code ./mvnw -pl gateway -am verify -Dtest=RateLimitsStoreTests -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RateLimitsStoreTests {

	static final Set<String> BUCKET_COMMANDS = Set.of("findAndModify", "find");

	final MongoServer server = new MongoServer(new MemoryBackend());
	final String uri = server.bindAndGetConnectionString();
	final AtomicInteger commands = new AtomicInteger();
	/** Run once, just before the next command that would start a bucket reaches the store. */
	volatile Runnable startedElsewhere;
	final MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
		.applyConnectionString(new ConnectionString(uri))
		.addCommandListener(new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				if (BUCKET_COMMANDS.contains(event.getCommandName())) {
					commands.incrementAndGet();
				}
				Runnable interfere = startedElsewhere;
				if (interfere != null && event.getCommand().getBoolean("upsert", org.bson.BsonBoolean.FALSE).getValue()) {
					startedElsewhere = null;
					interfere.run();
				}
			}
		})
		.build());
	final AbuseProperties properties = new AbuseProperties(new AbuseProperties.Limit(20, Duration.ofHours(1)),
			new AbuseProperties.Limit(200, Duration.ofHours(1)), 24, 48, DataSize.ofKilobytes(64),
			DataSize.ofKilobytes(256), new AbuseProperties.TokenPosts(List.of("/newsletter/unsubscribe"), 10_000,
					Duration.ofHours(1)),
			new AbuseProperties.ProofOfWork(false, null, 1000, Duration.ofMinutes(10), null));

	RateLimits instance() {
		return new RateLimits(properties, new ReactiveMongoTemplate(mongo, "formgate-gateway"), Clock.systemUTC());
	}

	@AfterEach
	void stop() {
		mongo.close();
		server.shutdownNow();
	}

	static Optional<Duration> take(RateLimits limits, String address, RateLimits.Family family) {
		return limits.tryAcquire(address, family).block(Duration.ofSeconds(10));
	}

	@Test
	void twoInstancesShareOnePerAddressLimit() {
		RateLimits first = instance();
		RateLimits second = instance();
		int admitted = 0;

		for (int i = 0; i < 40; i++) {
			admitted += take(i % 2 == 0 ? first : second, "192.0.2.1", RateLimits.Family.PUBLIC_WRITES).isEmpty() ? 1 : 0;
		}

		assertThat(admitted).isEqualTo(20);
		assertThat(take(first, "192.0.2.1", RateLimits.Family.PUBLIC_WRITES)).hasValueSatisfying(
				wait -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(3)));
	}

	@Test
	void admitsARequestWhenAnotherInstanceStartsTheBucketBetweenItsQuestions() {
		RateLimits limits = instance();
		String bucket = limits.bucketId(RateLimits.Family.TOKEN_POSTS, "network", "198.18.9.0");
		// Just before this instance starts the new bucket, another instance starts it: the start fails as a duplicate.
		startedElsewhere = () -> {
			try (var other = com.mongodb.client.MongoClients.create(uri)) {
				other.getDatabase("formgate-gateway").getCollection(RateLimits.COLLECTION)
					.insertOne(new org.bson.Document("_id", bucket).append("tat", System.currentTimeMillis() + 1000));
			}
		};

		assertThat(take(limits, "198.18.9.1", RateLimits.Family.TOKEN_POSTS)).isEmpty();
		assertThat(startedElsewhere).as("the other instance did start the bucket").isNull();
	}

	@Test
	void storesNoClientAddress() {
		RateLimits limits = instance();
		take(limits, "192.0.2.77", RateLimits.Family.PUBLIC_WRITES);
		take(limits, "2001:db8::77", RateLimits.Family.PUBLIC_WRITES);
		take(limits, "198.51.100.77", RateLimits.Family.TOKEN_POSTS);

		try (var reader = com.mongodb.client.MongoClients.create(uri)) {
			List<String> ids = reader.getDatabase("formgate-gateway").getCollection(RateLimits.COLLECTION)
				.find().map(document -> document.get("_id").toString()).into(new java.util.ArrayList<>());
			assertThat(ids).hasSize(5).allSatisfy(id -> assertThat(id).doesNotContain("192.0.2", "2001:db8",
					"198.51.100").matches("(public|token):(address|network):[A-Za-z0-9_-]{24}"));
		}
	}

	@Test
	void countsEverySpellingOfOneAddressAsOneClient() {
		RateLimits limits = instance();
		String[] spellings = { "2001:db8::7", "2001:0db8:0000::7", "2001:DB8:0:0:0:0:0:7" };
		int admitted = 0;

		for (int i = 0; i < 30; i++) {
			admitted += take(limits, spellings[i % 3], RateLimits.Family.PUBLIC_WRITES).isEmpty() ? 1 : 0;
		}

		assertThat(admitted).isEqualTo(20);
	}

	@Test
	void keepsTokenPostsApartFromSignUps() {
		RateLimits limits = instance();
		for (int i = 0; i < 20; i++) {
			take(limits, "192.0.2.2", RateLimits.Family.PUBLIC_WRITES);
		}

		assertThat(take(limits, "192.0.2.2", RateLimits.Family.PUBLIC_WRITES)).isPresent();
		assertThat(take(limits, "192.0.2.2", RateLimits.Family.TOKEN_POSTS)).isEmpty();
	}

	@Test
	void costsOneStoreCommandPerBucketAndNoneForARefusalAlreadyKnown() {
		RateLimits limits = instance();
		take(limits, "198.51.100.1", RateLimits.Family.PUBLIC_WRITES);
		take(limits, "198.51.100.1", RateLimits.Family.TOKEN_POSTS);

		int before = commands.get();
		int requests = 2_000;
		long started = System.nanoTime();
		for (int i = 0; i < requests; i++) {
			// a sign-up from a new address of a busy network, then a token post from the same network
			take(limits, "198.51." + (100 + i / 200) + "." + (i % 200 + 2), RateLimits.Family.PUBLIC_WRITES);
		}
		long signUps = System.nanoTime() - started;
		int signUpCommands = commands.get() - before;

		before = commands.get();
		started = System.nanoTime();
		for (int i = 0; i < requests; i++) {
			take(limits, "198.51.100.1", RateLimits.Family.TOKEN_POSTS);
		}
		long tokenPosts = System.nanoTime() - started;
		int tokenCommands = commands.get() - before;

		for (int i = 0; i < 20; i++) {
			take(limits, "203.0.113.1", RateLimits.Family.PUBLIC_WRITES);
		}
		take(limits, "203.0.113.1", RateLimits.Family.PUBLIC_WRITES);
		before = commands.get();
		for (int i = 0; i < 100; i++) {
			assertThat(take(limits, "203.0.113.1", RateLimits.Family.PUBLIC_WRITES)).isPresent();
		}
		int refusalCommands = commands.get() - before;

		System.out.printf("RATE-LIMITS sign-ups=%d storeCommands=%d (%.2f each, %.0f µs each); token posts=%d "
				+ "storeCommands=%d (%.2f each, %.0f µs each); known refusals=100 storeCommands=%d%n", requests,
				signUpCommands, signUpCommands / (double) requests, signUps / 1000.0 / requests, requests, tokenCommands,
				tokenCommands / (double) requests, tokenPosts / 1000.0 / requests, refusalCommands);
		// A new address in a network in use: one command for the address's new bucket, one for the network's
		// (a bucket met for the first time may cost one more); a token post: one.
		assertThat(signUpCommands).isLessThanOrEqualTo(2 * requests + requests / 100);
		assertThat(tokenCommands).isEqualTo(requests);
		assertThat(refusalCommands).isZero();
	}
}
