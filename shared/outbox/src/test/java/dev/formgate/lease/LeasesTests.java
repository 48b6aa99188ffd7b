package dev.formgate.lease;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The lease's rules over the real MongoDB driver and an in-memory mongo-java-server. */
class LeasesTests {

	static final Duration LEASE = Duration.ofMinutes(2);

	final MongoServer server = new MongoServer(new MemoryBackend());
	final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
	final MongoTemplate mongo = new MongoTemplate(client, "lease-tests");
	Instant now = Instant.parse("2026-12-03T10:00:00Z");

	@AfterEach
	void close() {
		client.close();
		server.shutdownNow();
	}

	@Test
	void oneHolderAtATimeAndTheHolderRenews() {
		assertThat(leases().claim("mailbox", "a", LEASE)).isTrue();
		assertThat(leases().claim("mailbox", "b", LEASE)).isFalse();
		advance(Duration.ofMinutes(1));
		assertThat(leases().claim("mailbox", "a", LEASE)).as("renewed: two minutes from now").isTrue();
		advance(Duration.ofSeconds(90));
		assertThat(leases().claim("mailbox", "b", LEASE)).as("the renewed lease still runs").isFalse();
		assertThat(leases().holder("mailbox")).hasValue("a");
	}

	@Test
	void aCrashedHoldersLeaseIsTakenOverOnceItEnded() {
		assertThat(leases().claim("mailbox", "crashed", LEASE)).isTrue();
		advance(LEASE.minusSeconds(1));
		assertThat(leases().claim("mailbox", "b", LEASE)).isFalse();
		advance(Duration.ofSeconds(1));
		assertThat(leases().holder("mailbox")).isEmpty();
		assertThat(leases().claim("mailbox", "b", LEASE)).isTrue();
		assertThat(leases().claim("mailbox", "crashed", LEASE)).as("back from the dead: another holds it").isFalse();
		assertThat(leases().holder("mailbox")).hasValue("b");
	}

	@Test
	void aReleasedLeaseIsFreeAtOnceAndOnlyItsHolderReleasesIt() {
		assertThat(leases().claim("mailbox", "a", LEASE)).isTrue();
		leases().release("mailbox", "b");
		assertThat(leases().holder("mailbox")).hasValue("a");
		leases().release("mailbox", "a");
		assertThat(leases().holder("mailbox")).isEmpty();
		assertThat(leases().claim("mailbox", "b", LEASE)).isTrue();
	}

	@Test
	void aHolderRenewsWithinTheSameInstant() {
		assertThat(leases().claim("mailbox", "a", LEASE)).isTrue();
		assertThat(leases().claim("mailbox", "a", LEASE)).as("nothing changes, and it still holds").isTrue();
	}

	@Test
	void leasesOfOtherNamesAreApart() {
		assertThat(leases().claim("mailbox", "a", LEASE)).isTrue();
		assertThat(leases().claim("retention", "b", LEASE)).isTrue();
	}

	@Test
	void ofManyClaimingAtOnceExactlyOneHoldsIt() throws Exception {
		int claimants = 8;
		CountDownLatch start = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(claimants);
		try {
			List<Future<Boolean>> claims = new ArrayList<>();
			for (int i = 0; i < claimants; i++) {
				String holder = "instance-" + i;
				claims.add(pool.submit((Callable<Boolean>) () -> {
					start.await();
					return leases().claim("mailbox", holder, LEASE);
				}));
			}
			start.countDown();
			int won = 0;
			for (Future<Boolean> claim : claims) {
				won += claim.get() ? 1 : 0;
			}
			assertThat(won).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The leases as seen at the test's present moment. */
	Leases leases() {
		return new Leases(mongo, Clock.fixed(now, ZoneOffset.UTC));
	}

	void advance(Duration by) {
		now = now.plus(by);
	}
}
