package dev.formgate.infra.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the store answered between two counts ({@code LocalStack.storeCommands()}), per sign-up accepted: the writes
 * and reads a sign-up costs, measured rather than counted from the code, so that a new write (a shared rate-limit
 * bucket, say) shows up in the next run by itself. Background work in the window (sweeps, gauges, health checks) is
 * in it too, a small share next to thousands of sign-ups.
 */
record StoreCommands(Map<String, Double> perSignUp) {

	private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify");
	private static final Set<String> READS = Set.of("find", "getmore", "aggregate", "count", "distinct");

	static StoreCommands between(Map<String, Long> before, Map<String, Long> after, long signUps) {
		Map<String, Double> perSignUp = new TreeMap<>();
		if (signUps > 0) {
			after.forEach((command, n) -> {
				long delta = n - before.getOrDefault(command, 0L);
				if (delta > 0) {
					perSignUp.put(command, delta / (double) signUps);
				}
			});
		}
		return new StoreCommands(perSignUp);
	}

	double writesPerSignUp() {
		return sum(WRITES);
	}

	double roundTripsPerSignUp() {
		return sum(WRITES) + sum(READS);
	}

	/** The write commands per sign-up, by database and command. */
	String writes() {
		return describe(WRITES);
	}

	/** The read commands per sign-up, by database and command. */
	String reads() {
		return "reads: " + describe(READS);
	}

	private double sum(Set<String> kinds) {
		return perSignUp.entrySet().stream().filter(e -> kinds.contains(kind(e.getKey()))).mapToDouble(Map.Entry::getValue)
			.sum();
	}

	private String describe(Set<String> kinds) {
		StringBuilder text = new StringBuilder();
		perSignUp.forEach((command, n) -> {
			if (kinds.contains(kind(command)) && n >= 0.01) {
				text.append(text.isEmpty() ? "" : ", ").append(command.replace("formgate-", ""))
					.append(String.format(Locale.ROOT, " %.2f", n));
			}
		});
		return text.isEmpty() ? "none" : text.toString();
	}

	private static String kind(String command) {
		return command.substring(command.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
	}
}
