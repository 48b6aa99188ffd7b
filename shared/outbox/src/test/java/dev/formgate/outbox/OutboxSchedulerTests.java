package dev.formgate.outbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxSchedulerTests {

	static final OutboxScheduler.Settings FAST = new OutboxScheduler.Settings(Duration.ofMillis(20), 3,
			Duration.ofMinutes(1));

	final List<Set<String>> rounds = new CopyOnWriteArrayList<>();
	OutboxScheduler scheduler;

	@AfterEach
	void stop() {
		scheduler.stop();
	}

	@Test
	void sweepsOnceAtStartThenHandsWokenIdsOverInBatches() {
		scheduler = new OutboxScheduler("test-relay", Clock.systemUTC(), FAST, now -> List.of("left-by-a-crash"),
				rounds::add);
		scheduler.start();
		await().until(() -> rounds.stream().anyMatch(r -> r.contains("left-by-a-crash")));

		for (String id : List.of("a", "b", "c", "d")) {
			scheduler.wakeUp(id);
		}

		await().until(() -> rounds.stream().mapToInt(Set::size).sum() >= 5);
		assertThat(rounds).allSatisfy(round -> assertThat(round).hasSizeLessThanOrEqualTo(3));
	}

	@Test
	void aLaterWakeUpWaitsForItsTime() {
		scheduler = new OutboxScheduler("test-relay", Clock.systemUTC(), FAST, now -> List.of(), rounds::add);
		scheduler.start();
		Instant at = Instant.now().plusMillis(400);

		scheduler.wakeUpAt("backing-off", at);

		await().until(() -> !rounds.isEmpty());
		assertThat(Instant.now()).isAfterOrEqualTo(at);
	}

	@Test
	void aFailedRoundIsFollowedByAFreshSweep() {
		AtomicInteger sweeps = new AtomicInteger();
		scheduler = new OutboxScheduler("test-relay", Clock.systemUTC(), FAST, now -> {
			sweeps.incrementAndGet();
			return List.of("owing");
		}, ids -> {
			rounds.add(ids);
			if (rounds.size() == 1) {
				throw new IllegalStateException("store unavailable");
			}
		});
		scheduler.start();

		await().until(() -> rounds.size() >= 2);
		assertThat(sweeps).hasValueGreaterThanOrEqualTo(2);
		assertThat(rounds.get(1)).containsExactly("owing");
	}

	@Test
	void theDocumentsOfAFailedRoundComeDueAgainWithoutASweepFindingThem() {
		scheduler = new OutboxScheduler("test-relay", Clock.systemUTC(), FAST, now -> List.of(), ids -> {
			rounds.add(ids);
			if (rounds.size() == 1) {
				throw new IllegalStateException("store unavailable");
			}
		});
		scheduler.start();
		scheduler.wakeUp("woken");

		await().until(() -> rounds.size() >= 2);
		assertThat(rounds.get(0)).containsExactly("woken");
		assertThat(rounds.get(1)).containsExactly("woken");
	}

	@Test
	void aFullSweepPageIsFollowedByTheNextOnceItIsHandledNotAfterTheSweepInterval() {
		List<String> owing = new CopyOnWriteArrayList<>(List.of("a", "b", "c", "d", "e"));
		var paged = new OutboxScheduler.Settings(Duration.ofMillis(20), 10, Duration.ofHours(1), 2);
		scheduler = new OutboxScheduler("test-relay", Clock.systemUTC(), paged,
				now -> owing.stream().limit(2).toList(), ids -> {
					rounds.add(ids);
					owing.removeAll(ids);
				});
		scheduler.start();

		await().until(owing::isEmpty);
		assertThat(rounds).allSatisfy(round -> assertThat(round).hasSizeLessThanOrEqualTo(2));
	}

	@Test
	void ticksWhileIdleSoThatProbesCanWakeDocuments() {
		AtomicInteger ticks = new AtomicInteger();
		scheduler = new OutboxScheduler("test-relay", Clock.systemUTC(), FAST, now -> List.of(), rounds::add,
				ticks::incrementAndGet);
		scheduler.start();

		await().until(() -> ticks.get() >= 3);
	}

	@Test
	void stoppingForgetsWhatWasQueuedLikeACrash() {
		scheduler = new OutboxScheduler("test-relay", Clock.systemUTC(), FAST, now -> List.of(), rounds::add);
		scheduler.start();
		scheduler.stop();
		scheduler.wakeUpAt("queued", Instant.now().plusSeconds(3600));

		scheduler.start();

		assertThat(scheduler.isRunning()).isTrue();
		await().during(Duration.ofMillis(200)).until(rounds::isEmpty);
	}
}
