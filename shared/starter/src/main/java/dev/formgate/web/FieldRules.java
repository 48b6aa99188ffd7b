package dev.formgate.web;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules every service applies to the text people type, so that what staff read is what was sent
 * (docs/architecture.md, "Text staff can trust"):
 * <ul>
 * <li>no Unicode format characters (category Cf: bidi overrides and isolates, zero-width spaces and joiners, the
 * soft hyphen, tag characters) in addresses, names and subjects: they reorder or hide text on screen;</li>
 * <li>an address is one mailbox in visible characters, in the form Unicode's compatibility normalisation leaves as it
 * is (no full-width letters or ligatures), and its local part and each domain label keep to one writing system (or
 * one of the combinations Japanese, Chinese and Korean use with Latin): {@code pаypal.org} with a Cyrillic
 * {@code а} is refused. Look-alikes within one script ({@code аррӏе.org} all Cyrillic) stay possible.</li>
 * </ul>
 * Refused, never rewritten: what is stored (and its subjectRef) is exactly what was sent. An address that refers to
 * someone already known ({@link #referenceProblem}) is held to the first rule only.
 */
public final class FieldRules {

	/** Longest address SMTP carries (RFC 5321 path limit). */
	public static final int MAX_ADDRESS = 254;

	// One @, a dot in the domain, a top-level label of two or more; no quoting, comments, lists or brackets.
	private static final Pattern ADDRESS = Pattern.compile(
			"[^@\\s<>()\\[\\],;:\"]{1,64}@[^@\\s<>()\\[\\],;:\"]+\\.[^@\\s<>()\\[\\],;:\".]{2,}");

	/** Scripts that legitimately mix within one word (Unicode TS #39, "highly restrictive"). */
	private static final List<Set<UnicodeScript>> MIXES = List.of(
			EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
			EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
			EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

	// Anything that could end a header line or hide text: control characters, line and paragraph separators.
	private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");

	// In a text of several lines (a message, a comment, a note), line breaks and tabs are the only control characters
	// a person types; Unicode's line and paragraph separators break lines no mail or page shows as typed.
	private static final Pattern TEXT_CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]|[\\p{Zl}\\p{Zp}]");

	private FieldRules() {
	}

	/**
	 * Whether a text of several lines holds a control character other than a line break or a tab, or a Unicode line
	 * or paragraph separator: {@code "Control characters are not allowed."}.
	 */
	public static boolean hasControlCharactersInText(String text) {
		return TEXT_CONTROL.matcher(text).find();
	}

	/** Whether the (stripped) text holds a Unicode format character (category Cf). */
	public static boolean hasFormatCharacters(String text) {
		return text.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT);
	}

	/**
	 * Why the (stripped) address is refused, in English for the problem's detail, or null if it is accepted.
	 */
	public static String addressProblem(String address) {
		if (address.length() > MAX_ADDRESS || !ADDRESS.matcher(address).matches()) {
			return "This is not a valid e-mail address.";
		}
		if (hasFormatCharacters(address)) {
			return "The address contains invisible formatting characters.";
		}
		if (!address.codePoints().allMatch(FieldRules::isVisible)) {
			return "This is not a valid e-mail address.";
		}
		String canonical = Normalizer.normalize(address, Normalizer.Form.NFC);
		if (!Normalizer.normalize(canonical, Normalizer.Form.NFKC).equals(canonical)) {
			return "The address contains look-alike forms of letters (full-width, ligatures).";
		}
		int at = address.lastIndexOf('@');
		if (!oneWritingSystem(address.substring(0, at))) {
			return "The address mixes writing systems (look-alike letters).";
		}
		for (String label : address.substring(at + 1).split("\\.")) {
			if (!oneWritingSystem(label)) {
				return "The address mixes writing systems (look-alike letters).";
			}
		}
		return null;
	}

	/**
	 * A one-line field as the forms take it: stripped, null if empty (a problem {@code required} if it must be
	 * given); a line break, control or format character (a bidi override, a zero-width space) is {@code invalid},
	 * more than {@code max} characters {@code too-long}. Each problem is added to {@code problems}.
	 */
	public static String line(String field, String value, boolean required, int max,
			List<InvalidInputException.FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			if (required) {
				problems.add(InvalidInputException.FieldProblem.required(field));
			}
			return null;
		}
		String stripped = value.strip();
		if (LINE_BREAKING.matcher(stripped).find()) {
			problems.add(new InvalidInputException.FieldProblem(field, "invalid",
					"Line breaks and control characters are not allowed."));
		}
		else if (hasFormatCharacters(stripped)) {
			problems.add(new InvalidInputException.FieldProblem(field, "invalid",
					"Invisible formatting characters are not allowed."));
		}
		else if (stripped.length() > max) {
			problems.add(new InvalidInputException.FieldProblem(field, "too-long", "At most " + max + " characters."));
		}
		return stripped;
	}

	/**
	 * The constant of {@code type} the (stripped) text names, in any case; null when absent or blank. Text that names
	 * none is {@code invalid}, the problem naming the constants; it is added to {@code problems}. Forms keep such
	 * fields as text so that every wrong field is named at once, not only the first one binding meets.
	 */
	public static <E extends Enum<E>> E constant(String field, String value, Class<E> type,
			List<InvalidInputException.FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			problems.add(InvalidInputException.FieldProblem.invalid(field, "One of " + Arrays
				.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + "."));
			return null;
		}
	}

	public static boolean isAddress(String address) {
		return addressProblem(address) == null;
	}

	/**
	 * Why an address that names someone whose data may already be stored (unsubscribing through staff, a
	 * data-subject request) is refused, or null: one mailbox without control or format characters, but no look-alike rule, so
	 * that an address stored before these rules stays reachable for the person's rights.
	 */
	public static String referenceProblem(String address) {
		if (address.codePoints().anyMatch(Character::isISOControl)) {
			return "The address contains control characters.";
		}
		if (address.length() > MAX_ADDRESS || !ADDRESS.matcher(address).matches()) {
			return "This is not a valid e-mail address.";
		}
		return hasFormatCharacters(address) ? "The address contains invisible formatting characters." : null;
	}

	/** Letters, marks, digits, punctuation and symbols: no space, control, format, private or unassigned code. */
	private static boolean isVisible(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
					Character.UNASSIGNED -> false;
			default -> true;
		};
	}

	static boolean oneWritingSystem(String word) {
		Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
		word.codePoints().mapToObj(UnicodeScript::of)
			.filter(s -> s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED && s != UnicodeScript.UNKNOWN)
			.forEach(scripts::add);
		return scripts.size() <= 1 || MIXES.stream().anyMatch(mix -> mix.containsAll(scripts));
	}
}
