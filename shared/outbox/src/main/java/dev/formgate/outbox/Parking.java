package dev.formgate.outbox;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents waiting for one dependency (Kafka or SMTP) to come back. While any wait, one of them is tried every
 * probe interval; the first success releases them all at once, so owed work goes out within seconds of the
 * dependency's return instead of after each document's backoff. Kept in memory only: the documents' own due times
 * still bring everything back after a crash or on another instance.
 */
final class Parking {

	private final Set<String> waiting = ConcurrentHashMap.newKeySet();
	private final long probeIntervalMillis;
	private volatile long nextProbeAt;

	Parking(long probeIntervalMillis) {
		this.probeIntervalMillis = probeIntervalMillis;
	}

	void park(String id, long nowMillis) {
		if (waiting.isEmpty()) {
			nextProbeAt = nowMillis + probeIntervalMillis;
		}
		waiting.add(id);
	}

	/** One waiting document to try now, or null: none waits, or the last try was less than an interval ago. */
	String probe(long nowMillis) {
		if (waiting.isEmpty() || nowMillis < nextProbeAt) {
			return null;
		}
		nextProbeAt = nowMillis + probeIntervalMillis;
		Iterator<String> any = waiting.iterator();
		return any.hasNext() ? any.next() : null;
	}

	/** The dependency answered: every waiting document, to be tried now; none waits any more. */
	Set<String> release() {
		Set<String> released = Set.copyOf(waiting);
		waiting.removeAll(released);
		return released;
	}

	boolean isEmpty() {
		return waiting.isEmpty();
	}
}
