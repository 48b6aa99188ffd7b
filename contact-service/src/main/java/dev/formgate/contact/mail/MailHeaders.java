package dev.formgate.contact.mail;

import java.util.regex.Pattern;

/**
 * Makes user text safe for a mail header. Validation already refuses control characters; this is the second line,
 * so that no CR, LF or other line break can ever start a header of its own, whatever path the text took.
 */
final class MailHeaders {

	// Control characters (C0, DEL, C1 incl. NEL), Unicode line and paragraph separators, and runs of white space.
	private static final Pattern BREAKING = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\s]+");

	private MailHeaders() {
	}

	/** One line of text: every break or control character becomes a single space; at most {@code max} characters. */
	static String line(String text, int max) {
		if (text == null) {
			return "";
		}
		String line = BREAKING.matcher(text).replaceAll(" ").strip();
		return line.length() <= max ? line : line.substring(0, max).strip() + "…";
	}
}
