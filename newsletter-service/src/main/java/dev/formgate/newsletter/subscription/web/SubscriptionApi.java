package dev.formgate.newsletter.subscription.web;

import dev.formgate.newsletter.subscription.RequestOrigin;
import dev.formgate.newsletter.subscription.SubscriptionService;
import dev.formgate.resilience.StoreCalls;
import dev.formgate.web.BrowserRequests;
import dev.formgate.web.ClientAddresses;
import dev.formgate.web.Languages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code POST /api/newsletter/subscriptions}. The answer is the same 202 for new, pending, active and unsubscribed
 * addresses: nobody can learn from it whether an address is on a list.
 */
@RestController
class SubscriptionApi {

	/** The one answer to every accepted sign-up; a record keeps its JSON byte for byte the same. */
	record Accepted(String status, String detail) {
	}

	static final Accepted ACCEPTED = new Accepted("accepted",
			"If the address can receive mail, a confirmation link is on its way.");

	private final SubscriptionService subscriptions;
	private final ClientAddresses clientAddresses;
	private final StoreCalls storeCalls;

	SubscriptionApi(SubscriptionService subscriptions, ClientAddresses clientAddresses, StoreCalls storeCalls) {
		this.subscriptions = subscriptions;
		this.clientAddresses = clientAddresses;
		this.storeCalls = storeCalls;
	}

	@PostMapping(path = "/api/newsletter/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Accepted> signUpJson(@RequestBody SignUpForm form, HttpServletRequest request) {
		signUp(form, request);
		return ResponseEntity.accepted().header(HttpHeaders.CACHE_CONTROL, "no-store").body(ACCEPTED);
	}

	@PostMapping(path = "/api/newsletter/subscriptions", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Object signUpForm(@ModelAttribute SignUpForm form, HttpServletRequest request) {
		signUp(form, request);
		if (BrowserRequests.wantsHtml(request)) {
			var page = new ModelAndView("pages/check-inbox", HttpStatus.ACCEPTED);
			page.addObject("lang", Languages.orDefault(form.language()));
			return page;
		}
		return ResponseEntity.accepted().header(HttpHeaders.CACHE_CONTROL, "no-store")
			.contentType(MediaType.APPLICATION_JSON).body(ACCEPTED);
	}

	private void signUp(SignUpForm form, HttpServletRequest request) {
		if (form.filledHoneypot()) {
			return;
		}
		var origin = new RequestOrigin(clientAddresses.of(request), request.getHeader(HttpHeaders.USER_AGENT));
		var signUp = form.validated(subscriptions::isKnownList, subscriptions.defaultList(), origin);
		// Bulkhead and breaker around the store: a slow or failing MongoDB gets a quick 503, not a pile of waiters.
		storeCalls.run(() -> subscriptions.signUp(signUp));
	}
}
