package dev.formgate.erasure.activity;

import dev.formgate.security.AdminRoles;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/admin/activity?from=YYYY-MM-DD&to=YYYY-MM-DD}: the figures per day of the range (both ends
 * included, at most 731 days) and their totals. Needs the role {@code privacy-admin}.
 */
@RestController
@RequestMapping("/api/admin/activity")
@PreAuthorize("hasAuthority('" + AdminRoles.PRIVACY_ADMIN + "')")
class ActivityApi {

	private static final int MAX_DAYS = 731;

	private final Activity activity;

	ActivityApi(Activity activity) {
		this.activity = activity;
	}

	@GetMapping
	Activity.Report report(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate start = date("from", from, problems);
		LocalDate end = date("to", to, problems);
		if (start != null && end != null) {
			if (end.isBefore(start)) {
				problems.add(new FieldProblem("to", "invalid", "must not be before from"));
			}
			else if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
				problems.add(new FieldProblem("to", "invalid", "at most " + MAX_DAYS + " days from from"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return activity.report(start, end);
	}

	private static LocalDate date(String field, String value, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, "required", "a date YYYY-MM-DD"));
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException e) {
			problems.add(new FieldProblem(field, "invalid", "a date YYYY-MM-DD"));
			return null;
		}
	}
}
