package dev.formgate.outbox;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The documents waiting for one dependency (Kafka or SMTP) to come back. While any wait, one of them is tried every
 * probe interval (the one waiting longest; it waits again at the end if the try fails); the first success releases
 * them all at once, so owed work goes out within seconds of the dependency's return instead of after each document's
 * backoff. Kept in memory only: the documents' own due times still bring everything back after a crash or on another
 * instance.
 */
final class Parking {

	private final Set<String> waiting = new LinkedHashSet<>();
	private final long probeIntervalMillis;
	private long nextProbeAt;

	Parking(long probeIntervalMillis) {
		this.probeIntervalMillis = probeIntervalMillis;
	}

	synchronized void park(String id, long nowMillis) {
		if (waiting.isEmpty()) {
			nextProbeAt = nowMillis + probeIntervalMillis;
		}
		waiting.add(id);
	}

	/**
	 * The document to try now, no longer waiting (a try that fails parks it again), or null: none waits, or the last
	 * try was less than an interval ago.
	 */
	synchronized String probe(long nowMillis) {
		if (waiting.isEmpty() || nowMillis < nextProbeAt) {
			return null;
		}
		nextProbeAt = nowMillis + probeIntervalMillis;
		Iterator<String> longest = waiting.iterator();
		String id = longest.next();
		longest.remove();
		return id;
	}

	/** The dependency answered: every waiting document, to be tried now; none waits any more. */
	synchronized Set<String> release() {
		Set<String> released = Set.copyOf(waiting);
		waiting.clear();
		return released;
	}

	synchronized boolean isWaiting(String id) {
		return waiting.contains(id);
	}

	synchronized boolean isEmpty() {
		return waiting.isEmpty();
	}
}
