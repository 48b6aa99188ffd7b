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
	 */
	record Row(String id, String what, double value, String unit, String target, String note) {
	}

	private final List<Row> rows = new ArrayList<>();
	private final Map<String, String> machine = new LinkedHashMap<>();
	private final List<String> steps = new ArrayList<>();

	void machine(String key, String value) {
		machine.put(key, value);
	}

	synchronized void add(String id, String what, double value, String unit, String target, String note) {
		rows.add(new Row(id, what, value, unit, target, note));
		System.out.printf(Locale.ROOT, "  %-34s %12s %-8s %s%n", id, format(value), unit, note);
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
		md.append("\n| figure | what | value | unit | target | how / note |\n| --- | --- | ---: | --- | --- | --- |\n");
		for (Row row : rows) {
			md.append("| `").append(row.id()).append("` | ").append(row.what()).append(" | ").append(format(row.value()))
				.append(" | ").append(row.unit()).append(" | ").append(row.target()).append(" | ")
				.append(row.note().replace("|", "\\|")).append(" |\n");
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
				.append(Double.isFinite(row.value()) ? String.format(Locale.ROOT, "%.4f", row.value()) : "null")
				.append(", \"unit\": ").append(quote(row.unit())).append(", \"target\": ").append(quote(row.target()))
				.append(", \"note\": ").append(quote(row.note())).append('}');
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
