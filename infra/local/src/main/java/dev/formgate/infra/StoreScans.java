package dev.formgate.infra;

import de.bwaldvogel.mongo.bson.Document;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The queries the embedded store answered by reading a whole collection, per collection and query shape (fields and
 * operators, never values), with how many documents they read: what grows with the store (bin/bench).
 */
final class StoreScans {

	private final Map<String, LongAdder[]> scans = new ConcurrentHashMap<>();

	void scanned(String collection, Document query, int documents) {
		LongAdder[] counts = scans.computeIfAbsent(collection + " " + QueryPlans.shape(query),
				key -> new LongAdder[] { new LongAdder(), new LongAdder() });
		counts[0].increment();
		counts[1].add(documents);
	}

	/** {@code "<database>.<collection> <shape>"} → {scans, documents read}. */
	Map<String, long[]> counts() {
		Map<String, long[]> counts = new TreeMap<>();
		scans.forEach((key, value) -> counts.put(key, new long[] { value[0].sum(), value[1].sum() }));
		return counts;
	}
}
