package dev.formgate.newsletter.admin;

import dev.formgate.newsletter.subscription.SubscriptionFigures;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.DayRange;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /api/admin/newsletter/lists?from=YYYY-MM-DD&to=YYYY-MM-DD}: each list with how many subscriptions are
 * pending and active now, and how many ended by unsubscribing in the period (Berlin calendar days, both ends
 * included, at most {@value DayRange#MAX_DAYS} days). Counts only.
 */
@RestController
@PreAuthorize("hasAuthority('" + AdminRoles.NEWSLETTER_EDITOR + "')")
class AdminListsApi {

	private static final ZoneId CALENDAR = ZoneId.of("Europe/Berlin");

	private final SubscriptionFigures figures;

	AdminListsApi(SubscriptionFigures figures) {
		this.figures = figures;
	}

	record Lists(LocalDate from, LocalDate to, List<SubscriptionFigures.ListFigures> lists) {
	}

	@GetMapping(path = "/api/admin/newsletter/lists", produces = MediaType.APPLICATION_JSON_VALUE)
	Lists lists(@Valid @ParameterObject DayRange range) {
		range.checked();
		return new Lists(range.from(), range.to(),
				figures.perList(range.start(CALENDAR), range.end(CALENDAR)));
	}
}
