package dev.formgate.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * When a relay tries again after failures in a row: doubling from two seconds up to the maximum; the shift is capped
 * too, so a long outage cannot overflow it.
 */
public final class Backoff {

	private Backoff() {
	}

	public static Instant retryAt(Instant now, int failures, Duration maxBackoff) {
		return now.plusSeconds(Math.min(maxBackoff.toSeconds(), 1L << Math.min(failures, 20)));
	}
}
