package dev.formgate.erasure.activity;

import dev.formgate.security.AdminRoles;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

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

	/** The days asked for, both ends included. */
	record Range(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
	}

	@GetMapping
	Activity.Report report(@Valid @ParameterObject Range range) {
		if (range.to().isBefore(range.from())) {
			throw new InvalidInputException(FieldProblem.invalid("to", "Not before from."));
		}
		if (ChronoUnit.DAYS.between(range.from(), range.to()) >= MAX_DAYS) {
			throw new InvalidInputException(FieldProblem.invalid("to", "At most " + MAX_DAYS + " days after from."));
		}
		return activity.report(range.from(), range.to());
	}
}
