package dev.formgate.erasure.activity;

import dev.formgate.security.AdminRoles;
import dev.formgate.web.DayRange;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/activity?from=YYYY-MM-DD&to=YYYY-MM-DD}: the figures per day of the range (both ends
 * included, at most {@value DayRange#MAX_DAYS} days) and their totals. Needs the role {@code privacy-admin}.
 */
@RestController
@RequestMapping("/api/admin/activity")
@PreAuthorize("hasAuthority('" + AdminRoles.PRIVACY_ADMIN + "')")
class ActivityApi {

	private final Activity activity;

	ActivityApi(Activity activity) {
		this.activity = activity;
	}

	@GetMapping
	Activity.Report report(@Valid @ParameterObject DayRange range) {
		range.checked();
		return activity.report(range.from(), range.to());
	}
}
