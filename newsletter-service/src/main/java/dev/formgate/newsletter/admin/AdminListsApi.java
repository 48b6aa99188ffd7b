package dev.formgate.newsletter.admin;

import dev.formgate.newsletter.subscription.SubscriptionService;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/admin/newsletter/lists?from=YYYY-MM-DD&to=YYYY-MM-DD}: each list with how many subscriptions are
 * pending and active now, and how many ended by unsubscribing in the period (Berlin calendar days, both ends
 * included, at most 731 days). Counts only.
 */
@RestController
@PreAuthorize("hasAuthority('" + AdminRoles.NEWSLETTER_EDITOR + "')")
class AdminListsApi {

	private static final ZoneId CALENDAR = ZoneId.of("Europe/Berlin");
	private static final int MAX_DAYS = 731;

	private final SubscriptionService subscriptions;

	AdminListsApi(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	record Lists(LocalDate from, LocalDate to, List<SubscriptionService.ListFigures> lists) {
	}

	@GetMapping(path = "/api/admin/newsletter/lists", produces = MediaType.APPLICATION_JSON_VALUE)
	Lists lists(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate start = date("from", from, problems);
		LocalDate end = date("to", to, problems);
		if (start != null && end != null) {
			if (end.isBefore(start)) {
				problems.add(new FieldProblem("to", "invalid", "Not before from."));
			}
			else if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
				problems.add(new FieldProblem("to", "invalid", "At most " + MAX_DAYS + " days after from."));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new Lists(start, end, subscriptions.listFigures(start.atStartOfDay(CALENDAR).toInstant(),
				end.plusDays(1).atStartOfDay(CALENDAR).toInstant()));
	}

	private static LocalDate date(String field, String value, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, "required", "A date YYYY-MM-DD."));
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			problems.add(new FieldProblem(field, "invalid", "A date YYYY-MM-DD."));
			return null;
		}
	}
}
