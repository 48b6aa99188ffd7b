package dev.formgate.infra.bench;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The queries the embedded store answered by reading a whole collection between two counts
 * ({@code LocalStack.storeScans()}), and how many documents they read: the work that grows with the store. By query
 * shape (collection, fields and operators), so that a query that scans shows up by name in the next run.
 */
record ScanReads(long scans, long documents, Map<String, long[]> byShape) {

	static ScanReads between(Map<String, long[]> before, Map<String, long[]> after) {
		Map<String, long[]> byShape = new TreeMap<>();
		long scans = 0;
		long documents = 0;
		for (var entry : after.entrySet()) {
			long[] earlier = before.getOrDefault(entry.getKey(), new long[2]);
			long n = entry.getValue()[0] - earlier[0];
			long read = entry.getValue()[1] - earlier[1];
			if (n > 0) {
				byShape.put(entry.getKey(), new long[] { n, read });
				scans += n;
				documents += read;
			}
		}
		return new ScanReads(scans, documents, byShape);
	}

	/** The shapes that read the most documents, e.g. {@code contact.contact_requests {_id, version} 60× 6,000,000}. */
	String top(int n) {
		if (byShape.isEmpty()) {
			return "no whole-collection scan";
		}
		return String.format(Locale.ROOT, "%,d scans reading %,d documents: ", scans, documents)
				+ byShape.entrySet().stream()
					.sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
					.limit(n)
					.map(e -> String.format(Locale.ROOT, "%s %,d× %,d", e.getKey().replace("formgate-", ""),
							e.getValue()[0], e.getValue()[1]))
					.collect(Collectors.joining("; "));
	}
}
