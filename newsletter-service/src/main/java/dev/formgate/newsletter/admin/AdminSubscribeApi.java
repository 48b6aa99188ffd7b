package dev.formgate.newsletter.admin;

import dev.formgate.newsletter.subscription.SubscriptionService;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import dev.formgate.web.Languages;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/admin/newsletter/subscriptions}: staff import or re-add an address; the person still has to
 * confirm by double opt-in. Refused (409 {@code subject-suppressed}) for a subject who objected or unsubscribed from
 * this list: only their own sign-up brings them back.
 */
@RestController
@PreAuthorize("hasAuthority('" + AdminRoles.NEWSLETTER_EDITOR + "')")
class AdminSubscribeApi {

	private final SubscriptionService subscriptions;

	AdminSubscribeApi(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	record SubscribeRequest(String email, String list, String language) {
	}

	@PostMapping(path = "/api/admin/newsletter/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> subscribe(@RequestBody SubscribeRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		String email = request.email() == null ? "" : request.email().strip();
		if (email.isEmpty()) {
			problems.add(FieldProblem.required("email"));
		}
		else if (FieldRules.addressProblem(email) != null) {
			problems.add(FieldProblem.invalid("email", FieldRules.addressProblem(email)));
		}
		String list = request.list() == null ? subscriptions.defaultList() : request.list();
		if (!subscriptions.isKnownList(list)) {
			problems.add(new FieldProblem("list", "invalid", "There is no such list."));
		}
		String language = request.language() == null ? Languages.DEFAULT : request.language();
		if (!Languages.SUPPORTED.contains(language)) {
			problems.add(new FieldProblem("language", "invalid", "Supported languages are de and en."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		subscriptions.signUpOnBehalf(email, list, language);
		return ResponseEntity.accepted().body(Map.of("status", "confirmation-requested"));
	}
}
