package dev.formgate.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides when a relay looks at which document: at once for documents this instance just wrote (wake-ups), later for
 * those waiting out a backoff, and by a periodic sweep for everything no wake-up announced (written before a crash or
 * by another instance). Batches of due ids go to one worker thread. A sweep reads one page of ids: when the page is
 * full, the next sweep follows as soon as those are handled, so a backlog is read page by page, never all at once. It
 * keeps nothing that matters: what is owed is in the documents, so stopping it is like a crash and loses nothing.
 */
public final class OutboxScheduler {

	private static final Logger log = LoggerFactory.getLogger(OutboxScheduler.class);

	/**
	 * @param pollInterval how long the worker waits when nothing woke it, and before it retries a failed round
	 * @param batchSize ids handed over per round at most
	 * @param sweepInterval how often the sweep runs (also once at start and after a failed round)
	 * @param sweepPage ids one sweep reads at most; a full page means more may be due
	 */
	public record Settings(Duration pollInterval, int batchSize, Duration sweepInterval, int sweepPage) {

		public Settings(Duration pollInterval, int batchSize, Duration sweepInterval) {
			this(pollInterval, batchSize, sweepInterval, Integer.MAX_VALUE);
		}
	}

	private final String name;
	private final Clock clock;
	private final Settings settings;
	private final Function<Instant, Collection<String>> sweep;
	private final Consumer<Set<String>> round;
	private final Runnable tick;
	private final DelayQueue<Due> due = new DelayQueue<>();

	private volatile Thread worker;

	private volatile long lastSweep;

	private volatile boolean pageFull;

	public OutboxScheduler(String name, Clock clock, Settings settings, Function<Instant, Collection<String>> sweep,
			Consumer<Set<String>> round) {
		this(name, clock, settings, sweep, round, () -> {
		});
	}

	/**
	 * @param name the worker thread's name
	 * @param sweep ids of the documents that owe something by the given time, at most a page of them
	 * @param round relays the documents with these ids; may throw, the next round comes after a pause
	 * @param tick runs on the worker before each wait for due ids (at least every poll interval): the relay's probes
	 */
	public OutboxScheduler(String name, Clock clock, Settings settings, Function<Instant, Collection<String>> sweep,
			Consumer<Set<String>> round, Runnable tick) {
		this.name = name;
		this.clock = clock;
		this.settings = settings;
		this.sweep = sweep;
		this.round = round;
		this.tick = tick;
	}

	/** This document owes something now. */
	public void wakeUp(String id) {
		due.add(new Due(id, clock.millis()));
	}

	/** Look at this document again at this time (a backoff, say). */
	public void wakeUpAt(String id, Instant at) {
		due.add(new Due(id, at.toEpochMilli()));
	}

	public void start() {
		due.clear();
		lastSweep = 0;
		pageFull = false;
		Thread thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
		worker = thread;
		thread.start();
	}

	/** Stops like a crash would: what was queued in memory is forgotten, the documents still hold what is owed. */
	public void stop() {
		Thread running = worker;
		worker = null;
		if (running != null) {
			running.interrupt();
			try {
				running.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		due.clear();
	}

	public boolean isRunning() {
		return worker != null;
	}

	private void loop() {
		while (worker == Thread.currentThread()) {
			Set<String> batch = Set.of();
			try {
				tick.run();
				sweepIfDue();
				batch = nextBatch();
				if (!batch.isEmpty()) {
					round.accept(batch);
				}
			}
			catch (InterruptedException e) {
				return;
			}
			catch (RuntimeException | LinkageError e) {
				// The store or a dependency failed; everything owed is still in the documents. The same documents,
				// and a sweep for all others, come due again after one poll interval: the worker waits for that
				// on the queue, where a new wake-up can still reach it.
				log.warn("{} round failed ({}), retrying", name, e.getClass().getSimpleName());
				long retryAt = clock.millis() + settings.pollInterval().toMillis();
				for (String id : batch) {
					due.add(new Due(id, retryAt));
				}
				lastSweep = retryAt - settings.sweepInterval().toMillis();
			}
		}
	}

	private void sweepIfDue() {
		long now = clock.millis();
		Due head = due.peek();
		boolean nextPage = pageFull && (head == null || head.getDelay(TimeUnit.MILLISECONDS) > 0);
		if (!nextPage && now - lastSweep < settings.sweepInterval().toMillis()) {
			return;
		}
		lastSweep = now;
		Collection<String> ids = sweep.apply(Instant.ofEpochMilli(now));
		pageFull = ids.size() >= settings.sweepPage();
		for (String id : ids) {
			due.add(new Due(id, now));
		}
	}

	private Set<String> nextBatch() throws InterruptedException {
		Set<String> ids = new LinkedHashSet<>();
		Due first = due.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		if (first == null) {
			return ids;
		}
		ids.add(first.id());
		Due next;
		while (ids.size() < settings.batchSize() && (next = due.poll()) != null) {
			ids.add(next.id());
		}
		return ids;
	}

	/** A document to look at from a point in time on, measured on the same clock as the documents' due times. */
	private final class Due implements Delayed {

		private final String id;
		private final long atMillis;

		Due(String id, long atMillis) {
			this.id = id;
			this.atMillis = atMillis;
		}

		String id() {
			return id;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(atMillis - clock.millis(), TimeUnit.MILLISECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
		}
	}
}
