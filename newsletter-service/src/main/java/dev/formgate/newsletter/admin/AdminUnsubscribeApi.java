package dev.formgate.newsletter.admin;

import dev.formgate.newsletter.subscription.SubscriptionService;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code POST /api/admin/newsletter/unsubscriptions}: ends an address's subscriptions (all lists, or one). */
@RestController
@PreAuthorize("hasAuthority('" + AdminRoles.NEWSLETTER_EDITOR + "')")
class AdminUnsubscribeApi {

	private final SubscriptionService subscriptions;

	AdminUnsubscribeApi(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	record UnsubscribeRequest(String email, String list) {
	}

	@PostMapping(path = "/api/admin/newsletter/unsubscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Integer> unsubscribe(@RequestBody UnsubscribeRequest request) {
		if (request.email() == null || request.email().isBlank()) {
			throw new InvalidInputException(FieldProblem.required("email"));
		}
		// The address names someone already on a list: no look-alike rule, so nobody stays unreachable.
		String problem = FieldRules.referenceProblem(request.email().strip());
		if (problem != null) {
			throw new InvalidInputException(FieldProblem.invalid("email", problem));
		}
		if (request.list() != null && !subscriptions.isKnownList(request.list())) {
			throw new InvalidInputException(List.of(new FieldProblem("list", "invalid", "There is no such list.")));
		}
		return Map.of("unsubscribed", subscriptions.unsubscribeAddress(request.email(), request.list()));
	}
}
