package dev.formgate.infra.bench;

import java.util.Arrays;

/** Recorded latencies in nanoseconds, with exact percentiles (samples are few enough to keep every one). */
final class Latencies {

	private long[] samples = new long[1024];
	private int count;

	synchronized void record(long nanos) {
		if (count == samples.length) {
			samples = Arrays.copyOf(samples, count * 2);
		}
		samples[count++] = Math.max(0, nanos);
	}

	synchronized int count() {
		return count;
	}

	/** The {@code p}-th percentile (0–100) in milliseconds, NaN without samples. */
	synchronized double percentileMillis(double p) {
		if (count == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(samples, count);
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * count) - 1;
		return sorted[Math.clamp(index, 0, count - 1)] / 1e6;
	}
}
