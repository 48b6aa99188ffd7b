package dev.formgate.contact.request.web;

import dev.formgate.contact.request.ContactRequestService;
import dev.formgate.resilience.StoreCalls;
import dev.formgate.web.BrowserRequests;
import dev.formgate.web.Languages;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code POST /api/contact}. Every accepted request gets the same 202, and so does one a bot filled the honeypot
 * of: nothing in the answer tells a bot it was caught, and nothing it sent is stored or mailed.
 */
@RestController
class ContactApi {

	private static final Logger log = LoggerFactory.getLogger(ContactApi.class);

	/** The one answer to every accepted request; a record keeps its JSON byte for byte the same. */
	record Accepted(String status, String detail) {
	}

	static final Accepted ACCEPTED = new Accepted("accepted", "Thank you. Your message has been received.");

	private final ContactRequestService requests;
	private final StoreCalls storeCalls;

	ContactApi(ContactRequestService requests, StoreCalls storeCalls) {
		this.requests = requests;
		this.storeCalls = storeCalls;
	}

	@PostMapping(path = "/api/contact", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Accepted> receiveJson(@RequestBody ContactForm form) {
		receive(form);
		return accepted();
	}

	@PostMapping(path = "/api/contact", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Object receiveForm(@ModelAttribute ContactForm form, HttpServletRequest request) {
		receive(form);
		if (BrowserRequests.wantsHtml(request)) {
			var page = new ModelAndView("pages/received", HttpStatus.ACCEPTED);
			page.addObject("lang", Languages.orDefault(form.language()));
			return page;
		}
		return accepted();
	}

	private void receive(ContactForm form) {
		if (form.isBot()) {
			log.info("Contact form honeypot filled; request dropped");
			return;
		}
		var request = form.validated(requests::isKnownTopic, requests.limits());
		// Bulkhead and breaker around the store: a slow or failing MongoDB gets a quick 503, not a pile of waiters.
		var id = storeCalls.call(() -> requests.receive(request));
		log.info("Contact request {} received", id);
	}

	private static ResponseEntity<Accepted> accepted() {
		return ResponseEntity.accepted().header(HttpHeaders.CACHE_CONTROL, "no-store")
			.contentType(MediaType.APPLICATION_JSON).body(ACCEPTED);
	}
}
