package dev.formgate.observability;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read from a store at most once per interval, so that a Prometheus scrape (or several, one per gauge) does
 * not turn into a query each. If reading fails, the last value stays for another interval. Measured on the monotonic
 * clock: freshness is about load, not about the application's (test-settable) time.
 */
public final class CachedValue<T> {

	private final Supplier<T> read;
	private final long refreshNanos;

	private T value;

	private long readAt;

	private boolean fresh;

	public CachedValue(Supplier<T> read, T initial, Duration refresh) {
		this.read = read;
		this.value = initial;
		this.refreshNanos = refresh.toNanos();
	}

	public synchronized T get() {
		long now = System.nanoTime();
		if (!fresh || now - readAt >= refreshNanos) {
			readAt = now;
			fresh = true;
			try {
				value = read.get();
			}
			catch (RuntimeException e) {
				// store unreachable: health shows it; the gauge keeps its last value until the next interval
			}
		}
		return value;
	}
}
