package dev.formgate.web;

import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.validation.constraints.NotNull;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Calendar days asked for in a query ({@code ?from=YYYY-MM-DD&to=YYYY-MM-DD}), both ends included: bind it with
 * {@code @Valid @ParameterObject DayRange range} and call {@link #checked()}. A missing or malformed date is refused by
 * validation, naming its field; {@code to} before {@code from} or a range longer than {@value #MAX_DAYS} days by
 * {@link #checked()}, also naming {@code to}. Used by every admin API that reports per day.
 */
public record DayRange(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
		@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

	/** Two years and a day: a year compared with the one before it. */
	public static final int MAX_DAYS = 731;

	/** This range, or an {@link InvalidInputException} naming {@code to} when it is reversed or too long. */
	public DayRange checked() {
		if (to.isBefore(from)) {
			throw new InvalidInputException(FieldProblem.invalid("to", "Not before from."));
		}
		if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			throw new InvalidInputException(FieldProblem.invalid("to", "At most " + MAX_DAYS + " days after from."));
		}
		return this;
	}

	/** The first instant of {@code from} in this calendar. */
	public Instant start(ZoneId calendar) {
		return from.atStartOfDay(calendar).toInstant();
	}

	/** The first instant after {@code to} in this calendar (exclusive end). */
	public Instant end(ZoneId calendar) {
		return to.plusDays(1).atStartOfDay(calendar).toInstant();
	}
}
