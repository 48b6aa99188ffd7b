package dev.formgate.infra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results: one row per figure, written as a Markdown table and as JSON with the machine and the commit. */
final class Report {

	/**
	 * @param id stable name of the figure (the smoke test checks every one is present)
	 * @param value the figure, NaN when not measured
	 * @param target what the issue asks for, or empty
	 * @param note how it was measured, or why it was not
	 * @param ratio the value divided by the matching ceiling measured in the same run, NaN when none
	 * @param ratioTo the id of that ceiling (or how the ratio is formed), empty when none
	 */
	record Row(String id, String what, double value, String unit, String target, String note, double ratio,
			String ratioTo) {
	}

	/** A line of the target table: the figure, what it came to in this run, the target, and whether it is met. */
	record Target(String figure, String result, String target, Boolean met) {
	}

	private final List<Row> rows = new ArrayList<>();
	private final Map<String, String> machine = new LinkedHashMap<>();
	private final List<String> steps = new ArrayList<>();
	private final List<Target> targets = new ArrayList<>();

	void machine(String key, String value) {
		machine.put(key, value);
	}

	synchronized void add(String id, String what, double value, String unit, String target, String note) {
		add(id, what, value, unit, target, note, Double.NaN, "");
	}

	/** A figure with its ratio to the matching ceiling ({@code ceiling}: that ceiling's value, {@code ceilingId} its row). */
	synchronized void add(String id, String what, double value, String unit, String target, String note,
			double ceiling, String ceilingId) {
		double ratio = ceiling > 0 && Double.isFinite(ceiling) ? value / ceiling : Double.NaN;
		rows.add(new Row(id, what, value, unit, target, note, ratio, ceilingId));
		System.out.printf(Locale.ROOT, "  %-38s %12s %-10s %s%s%n", id, format(value), unit,
				Double.isFinite(ratio) ? "(" + format(ratio) + " of " + ceilingId + ") " : "", note);
	}

	/** The row's value, NaN if there is none (yet). */
	synchronized double value(String id) {
		return rows.stream().filter(row -> row.id().equals(id)).mapToDouble(Row::value).findFirst().orElse(Double.NaN);
	}

	synchronized void target(String figure, String result, String target, Boolean met) {
		targets.add(new Target(figure, result, target, met));
	}

	synchronized void skip(String id, String what, String unit, String target, String reason) {
		add(id, what, Double.NaN, unit, target, reason);
	}

	/** A line for the step-by-step log of the intake ramps (kept in the Markdown report under the table). */
	synchronized void step(String line) {
		steps.add(line);
		System.out.println("  " + line);
	}

	synchronized List<Row> rows() {
		return List.copyOf(rows);
	}

	synchronized void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results.md"), markdown());
		Files.writeString(directory.resolve("results.json"), json());
	}

	synchronized String markdown() {
		StringBuilder md = new StringBuilder("# Formgate benchmark results\n\n");
		machine.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
		if (!targets.isEmpty()) {
			md.append("\n## Targets\n\n| figure | this run | target | met |\n| --- | --- | --- | --- |\n");
			for (Target t : targets) {
				md.append("| ").append(t.figure()).append(" | ").append(t.result()).append(" | ").append(t.target())
					.append(" | ").append(t.met() == null ? "not measured" : t.met() ? "**met**" : "**missed**")
					.append(" |\n");
			}
			md.append("\n## Figures\n");
		}
		md.append("\n| figure | what | value | unit | ratio to ceiling | target | how / note |\n"
				+ "| --- | --- | ---: | --- | --- | --- | --- |\n");
		for (Row row : rows) {
			md.append("| `").append(row.id()).append("` | ").append(row.what()).append(" | ").append(format(row.value()))
				.append(" | ").append(row.unit()).append(" | ")
				.append(Double.isFinite(row.ratio()) ? format(row.ratio()) + " of `" + row.ratioTo() + "`" : "")
				.append(" | ").append(row.target()).append(" | ").append(row.note().replace("|", "\\|")).append(" |\n");
		}
		if (!steps.isEmpty()) {
			md.append("\n## Intake steps\n\n```\n");
			steps.forEach(step -> md.append(step).append('\n'));
			md.append("```\n");
		}
		return md.toString();
	}

	synchronized String json() {
		StringBuilder json = new StringBuilder("{\n  \"machine\": {");
		String separator = "\n";
		for (var entry : machine.entrySet()) {
			json.append(separator).append("    ").append(quote(entry.getKey())).append(": ").append(quote(entry.getValue()));
			separator = ",\n";
		}
		json.append("\n  },\n  \"rows\": [");
		separator = "\n";
		for (Row row : rows) {
			json.append(separator).append("    {\"id\": ").append(quote(row.id())).append(", \"what\": ")
				.append(quote(row.what())).append(", \"value\": ")
				.append(number(row.value()))
				.append(", \"unit\": ").append(quote(row.unit())).append(", \"target\": ").append(quote(row.target()))
				.append(", \"note\": ").append(quote(row.note())).append(", \"ratio\": ").append(number(row.ratio()))
				.append(", \"ratioTo\": ").append(quote(row.ratioTo())).append('}');
			separator = ",\n";
		}
		json.append("\n  ],\n  \"targets\": [");
		separator = "\n";
		for (Target t : targets) {
			json.append(separator).append("    {\"figure\": ").append(quote(t.figure())).append(", \"result\": ")
				.append(quote(t.result())).append(", \"target\": ").append(quote(t.target())).append(", \"met\": ")
				.append(t.met() == null ? "null" : t.met().toString()).append('}');
			separator = ",\n";
		}
		json.append("\n  ],\n  \"intakeSteps\": [");
		separator = "\n";
		for (String step : steps) {
			json.append(separator).append("    ").append(quote(step));
			separator = ",\n";
		}
		return json.append("\n  ]\n}\n").toString();
	}

	private static String number(double value) {
		return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
	}

	static String format(double value) {
		if (!Double.isFinite(value)) {
			return "–";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (Math.abs(value) >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		if (value != 0 && Math.abs(value) < 0.1) {
			return String.format(Locale.ROOT, "%.3f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}
}
