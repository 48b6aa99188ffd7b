package dev.formgate.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DayRangeTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void oneDayIsARange() {
		var day = LocalDate.of(2026, 3, 29);
		assertThat(new DayRange(day, day).checked()).isEqualTo(new DayRange(day, day));
	}

	@Test
	void refusesAReversedRangeNamingTo() {
		assertThatThrownBy(() -> new DayRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 31)).checked())
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.problems()).extracting(InvalidInputException.FieldProblem::field).containsExactly("to"));
	}

	@Test
	void takesTwoYearsAndADayAndNoMore() {
		var from = LocalDate.of(2024, 1, 1);
		assertThat(new DayRange(from, from.plusDays(DayRange.MAX_DAYS - 1)).checked()).isNotNull();
		assertThatThrownBy(() -> new DayRange(from, from.plusDays(DayRange.MAX_DAYS)).checked())
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void coversWholeCalendarDaysAcrossTheClockChange() {
		var range = new DayRange(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29));
		assertThat(range.start(BERLIN)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
		assertThat(range.end(BERLIN)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
	}
}
