package dev.formgate.newsletter.subscription.web;

import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.newsletter.subscription.RequestOrigin;
import dev.formgate.newsletter.subscription.SubscriptionService;
import dev.formgate.web.ClientAddresses;
import dev.formgate.web.Languages;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Landing pages of the links in mails. A GET only shows a button: mail scanners open links, and opening must not
 * confirm or unsubscribe anything. The RFC 8058 one-click POST is the one state change without a page.
 */
@Controller
class SubscriptionPages {

	private final SubscriptionService subscriptions;
	private final ClientAddresses clientAddresses;

	SubscriptionPages(SubscriptionService subscriptions, ClientAddresses clientAddresses) {
		this.subscriptions = subscriptions;
		this.clientAddresses = clientAddresses;
	}

	@ModelAttribute
	void noStore(HttpServletResponse response, HttpServletRequest request) {
		// The URL holds a credential: keep it out of caches, referrers and search engines. A referrer carries the
		// origin at most, never the path; unlike no-referrer, the button's POST then keeps its real Origin header,
		// which the gateway checks (it refuses Origin: null).
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Referrer-Policy", "strict-origin");
		response.setHeader("X-Robots-Tag", "noindex");
	}

	@Operation(summary = "The confirm page a confirmation mail links to: a button that POSTs the token (no change on GET)")
	@GetMapping("/newsletter/confirm")
	ModelAndView confirmPage(@RequestParam(required = false) String token, @RequestParam(required = false) String lang) {
		return page("pages/confirm", HttpStatus.OK, token, lang);
	}

	@Operation(summary = "Confirms the subscription (double opt-in) and records the consent proof; an HTML page either way")
	@PostMapping(path = "/newsletter/confirm", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ModelAndView confirm(@RequestParam(required = false) String token, @RequestParam(required = false) String lang,
			HttpServletRequest request) {
		var origin = new RequestOrigin(clientAddresses.of(request), request.getHeader(HttpHeaders.USER_AGENT));
		boolean confirmed = subscriptions.confirm(token, origin);
		return confirmed ? page("pages/confirmed", HttpStatus.OK, null, lang)
				: page("pages/link-invalid", HttpStatus.BAD_REQUEST, null, lang);
	}

	@Operation(summary = "The unsubscribe page an unsubscribe link opens: a button that POSTs the token")
	@GetMapping("/newsletter/unsubscribe")
	ModelAndView unsubscribePage(@RequestParam(required = false) String token,
			@RequestParam(required = false) String lang) {
		return page("pages/unsubscribe", HttpStatus.OK, token, lang);
	}

	/** RFC 8058: {@code List-Unsubscribe=One-Click} in the body, token in the URL, answered 200 without redirect. */
	@Operation(summary = "RFC 8058 one-click unsubscribe (List-Unsubscribe-Post), answered in plain text")
	@PostMapping(path = "/newsletter/unsubscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			params = "List-Unsubscribe=One-Click")
	ResponseEntity<String> oneClickUnsubscribe(@RequestParam(required = false) String token) {
		boolean genuine = subscriptions.unsubscribe(token, Reason.ONE_CLICK);
		return ResponseEntity.status(genuine ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
			.contentType(MediaType.TEXT_PLAIN)
			.body(genuine ? "unsubscribed\n" : "invalid unsubscribe link\n");
	}

	@Operation(summary = "Unsubscribes by the button on the unsubscribe page; an HTML page either way")
	@PostMapping(path = "/newsletter/unsubscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			params = "!List-Unsubscribe")
	ModelAndView unsubscribe(@RequestParam(required = false) String token, @RequestParam(required = false) String lang) {
		boolean genuine = subscriptions.unsubscribe(token, Reason.LINK);
		return genuine ? page("pages/unsubscribed", HttpStatus.OK, null, lang)
				: page("pages/link-invalid", HttpStatus.BAD_REQUEST, null, lang);
	}

	private static ModelAndView page(String view, HttpStatus status, String token, String lang) {
		var page = new ModelAndView(view, status);
		page.addObject("token", token == null ? "" : token);
		page.addObject("lang", Languages.orDefault(lang));
		return page;
	}
}
