package dev.formgate.infra.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/** The two ways of driving load: as fast as it goes (ceilings), and at a fixed offered rate (intake). */
final class Load {

	private Load() {
	}

	/** One operation of a closed loop; throws on failure. */
	interface Operation {
		void run(int thread) throws Exception;
	}

	/** Completed operations per second with {@code threads} threads back to back for {@code duration}. */
	static Throughput closedLoop(int threads, Duration duration, Operation operation) throws InterruptedException {
		AtomicLong done = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicInteger firstErrorSeen = new AtomicInteger();
		long end = System.nanoTime() + duration.toNanos();
		long start = System.nanoTime();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			workers.add(Thread.ofPlatform().daemon().name("bench-" + t).start(() -> {
				while (System.nanoTime() < end) {
					try {
						operation.run(thread);
						done.incrementAndGet();
					}
					catch (Exception e) {
						if (failed.incrementAndGet() == 1 && firstErrorSeen.getAndIncrement() == 0) {
							System.err.println("  first failure: " + e);
						}
					}
				}
			}));
		}
		for (Thread worker : workers) {
			worker.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Throughput(done.get() / seconds, done.get(), failed.get());
	}

	/**
	 * @param cpuMillis CPU time (user and system, every thread) that the measured server processes spent during the
	 *                  counted part, in milliseconds; 0 when none were named
	 */
	record Throughput(double perSecond, long done, long failed, double cpuMillis) {

		Throughput(double perSecond, long done, long failed) {
			this(perSecond, done, failed, 0);
		}

		/** The servers' CPU milliseconds per completed request. */
		double cpuMillisPerRequest() {
			return done == 0 ? 0 : cpuMillis / done;
		}
	}

	/**
	 * Requests per second answered with {@code status} over {@code connections} keep-alive connections back to back
	 * ({@link RawHttp}), after a warm-up of the same kind that is not counted (the JIT compiles the path first, as it
	 * has for a service that has run a while). {@code request} gives the bytes of each connection's next request.
	 */
	static Throughput http(URI base, int connections, Duration warmUp, Duration duration, int status,
			RequestSource request) throws InterruptedException {
		return http(base, connections, warmUp, duration, status, request, List.of());
	}

	/**
	 * As above, and the CPU time the {@code servers} (process ids) spent during the counted part: a measure of what a
	 * request costs that a machine shared with other work distorts far less than the rate does.
	 */
	static Throughput http(URI base, int connections, Duration warmUp, Duration duration, int status,
			RequestSource request, List<Long> servers) throws InterruptedException {
		RawHttp[] clients = new RawHttp[connections];
		for (int i = 0; i < connections; i++) {
			clients[i] = new RawHttp(base);
		}
		Operation call = thread -> {
			int answered = clients[thread].exchange(request.next(thread));
			if (answered != status) {
				throw new IllegalStateException("answered " + answered + " instead of " + status);
			}
		};
		try {
			if (!warmUp.isZero()) {
				closedLoop(connections, warmUp, call);
			}
			double cpuBefore = CpuTime.millis(servers);
			Throughput counted = closedLoop(connections, duration, call);
			return new Throughput(counted.perSecond(), counted.done(), counted.failed(),
					CpuTime.millis(servers) - cpuBefore);
		}
		finally {
			for (RawHttp client : clients) {
				client.close();
			}
		}
	}

	/** The bytes of a connection's next request. */
	interface RequestSource {
		byte[] next(int connection);
	}

	/**
	 * Offers {@code rate} requests a second for {@code duration}, each sent at its scheduled time whether or not
	 * earlier ones have been answered (open loop). Latency runs from the intended send time, so a stall counts for
	 * every request it delays (no coordinated omission). {@code request} starts request {@code i} and completes with
	 * its status.
	 */
	static OpenLoopResult openLoop(double rate, Duration duration, Duration timeout,
			IntFunction<CompletableFuture<Integer>> request) {
		int total = (int) Math.round(rate * duration.toMillis() / 1000.0);
		Latencies latencies = new Latencies();
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		AtomicInteger failures = new AtomicInteger();
		List<CompletableFuture<?>> pending = new ArrayList<>(total);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		long interval = (long) (1e9 / rate);
		for (int i = 0; i < total; i++) {
			long intended = start + i * interval;
			long wait;
			while ((wait = intended - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			CompletableFuture<Integer> answer;
			try {
				answer = request.apply(i);
			}
			catch (RuntimeException e) {
				answer = CompletableFuture.failedFuture(e);
			}
			pending.add(answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((status, error) -> {
				latencies.record(System.nanoTime() - intended);
				if (error != null) {
					failures.incrementAndGet();
				}
				else {
					statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
				}
			}));
		}
		long sent = System.nanoTime();
		try {
			CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
		}
		catch (RuntimeException e) {
			// counted per request above
		}
		double sendSeconds = (sent - start) / 1e9;
		Map<Integer, Integer> counted = new java.util.TreeMap<>();
		statuses.forEach((status, n) -> counted.put(status, n.get()));
		return new OpenLoopResult(rate, total, total / Math.max(sendSeconds, 1e-9), counted, failures.get(),
				latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.percentileMillis(99.9),
				latencies.percentileMillis(100));
	}

	/**
	 * @param offered the scheduled rate
	 * @param achievedSendRate how fast the generator really sent (below {@code offered} if the machine lagged)
	 */
	record OpenLoopResult(double offered, int requests, double achievedSendRate, Map<Integer, Integer> statuses,
			int failures, double p50, double p99, double p999, double max) {

		int count(int status) {
			return statuses.getOrDefault(status, 0);
		}

		/** All answered with {@code status}, none failed. */
		boolean all(int status) {
			return failures == 0 && count(status) == requests;
		}
	}
}
