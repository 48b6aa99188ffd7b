package dev.formgate.erasure.ledger.web;

import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Field checks of the API; problems name the field and the rule, never the value sent. */
final class Fields {

	static final int MAX_REASON = 500;

	private Fields() {
	}

	static void check(List<FieldProblem> problems) {
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
	}

	static FieldProblem required(String field) {
		return new FieldProblem(field, "required", "This field is required.");
	}

	/** Null when absent or blank; a problem when not one of the constants. */
	static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			problems.add(new FieldProblem(field, "invalid", "One of " + Arrays.stream(type.getEnumConstants())
				.map(Enum::name).collect(Collectors.joining(", ")) + "."));
			return null;
		}
	}

	static boolean bool(String field, String value, List<FieldProblem> problems) {
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> {
				problems.add(new FieldProblem(field, "invalid", "true or false."));
				yield false;
			}
		};
	}

	static int number(String field, String value, int min, int max, List<FieldProblem> problems) {
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		problems.add(new FieldProblem(field, "invalid", "A whole number from " + min + " to " + max + "."));
		return min;
	}

	/** Required text, stripped, at most {@code max} characters. */
	static String text(String field, String value, int max, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(required(field));
			return null;
		}
		String text = value.strip();
		if (text.length() > max) {
			problems.add(new FieldProblem(field, "too-long", "At most " + max + " characters."));
		}
		return text;
	}
}
