package dev.formgate.gateway.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Dates and times as people in Germany read them (Berlin time), in the page's language. */
public final class Formats {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final DateTimeFormatter dateTime;
	private final DateTimeFormatter date;

	Formats(boolean english) {
		Locale locale = english ? Locale.UK : Locale.GERMANY;
		this.dateTime = DateTimeFormatter.ofPattern(english ? "d MMM yyyy, HH:mm" : "dd.MM.yyyy, HH:mm", locale)
			.withZone(BERLIN);
		this.date = DateTimeFormatter.ofPattern(english ? "d MMM yyyy" : "dd.MM.yyyy", locale).withZone(BERLIN);
	}

	/** An instant (ISO text or {@link Instant}) as date and time; empty for none. */
	public String at(Object value) {
		Instant instant = instant(value);
		return instant == null ? "" : dateTime.format(instant);
	}

	/** An instant or an ISO date as a date; empty for none. */
	public String day(Object value) {
		if (value instanceof String text && text.length() == 10) {
			try {
				return date.format(LocalDate.parse(text).atStartOfDay(BERLIN));
			}
			catch (DateTimeParseException e) {
				return "";
			}
		}
		Instant instant = instant(value);
		return instant == null ? "" : date.format(instant);
	}

	/** For {@code <time datetime>}: the instant as ISO text. */
	public String iso(Object value) {
		Instant instant = instant(value);
		return instant == null ? "" : instant.toString();
	}

	private static Instant instant(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof String text && !text.isBlank()) {
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException e) {
				return null;
			}
		}
		return null;
	}
}
