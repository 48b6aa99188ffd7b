package dev.formgate.erasure.selfservice.web;

import dev.formgate.erasure.ledger.AccessExport;
import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.erasure.selfservice.CommentLinkRequests;
import dev.formgate.erasure.selfservice.LinkPage;
import dev.formgate.erasure.selfservice.SelfService;
import dev.formgate.resilience.StoreCalls;
import dev.formgate.web.BrowserRequests;
import dev.formgate.web.FieldRules;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "Meine Daten" form's intake ({@code POST /api/privacy/self-service}: the same 202 whether or not Formgate holds
 * data about the address) and the pages its mailed link opens ({@code /privacy/request}): a GET shows a button or
 * the status and changes nothing; only the button's POST files. Every link page carries no-store, a referrer of the
 * origin at most and noindex, since its URL is a credential.
 */
@Controller
class SelfServicePages {

	/** The one answer to every accepted request; a record keeps its JSON byte for byte the same. */
	record Accepted(String status, String detail) {
	}

	static final Accepted ACCEPTED = new Accepted("accepted",
			"If the address can receive mail, a link to confirm the request is on its way.");

	private final SelfService selfService;
	private final CommentLinkRequests commentLinks;
	private final StoreCalls storeCalls;

	SelfServicePages(SelfService selfService, CommentLinkRequests commentLinks, StoreCalls storeCalls) {
		this.selfService = selfService;
		this.commentLinks = commentLinks;
		this.storeCalls = storeCalls;
	}

	@ModelAttribute
	void noStore(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Referrer-Policy", "strict-origin");
		response.setHeader("X-Robots-Tag", "noindex");
	}

	@Operation(summary = "Asks for a data-subject right; a link to confirm it goes to the address (JSON)")
	@PostMapping(path = "/api/privacy/self-service", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Accepted> requestJson(@RequestBody SelfServiceForm form) {
		request(form);
		return ResponseEntity.accepted().body(ACCEPTED);
	}

	@Operation(summary = "Asks for a data-subject right from the \"Meine Daten\" form; a page for browsers")
	@PostMapping(path = "/api/privacy/self-service", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Object requestForm(@ModelAttribute SelfServiceForm form, HttpServletRequest request) {
		request(form);
		if (BrowserRequests.wantsHtml(request)) {
			return page("selfservice/sent", HttpStatus.ACCEPTED, form.lang());
		}
		return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(ACCEPTED);
	}

	@Operation(summary = "The page a self-service link opens: a button to confirm, or the request's progress")
	@GetMapping("/privacy/request")
	ModelAndView open(@RequestParam(required = false) String token, @RequestParam(required = false) String lang) {
		return linkPage(storeCalls.call(() -> selfService.open(token)), token, lang);
	}

	@Operation(summary = "Confirms a self-service request: files it with the ledger, once; then shows its progress")
	@PostMapping(path = "/privacy/request", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ModelAndView confirm(@RequestParam(required = false) String token, @RequestParam(required = false) String type,
			@RequestParam(required = false) String lang) {
		RequestType requestType = requestType(type);
		LinkPage shown = requestType == null ? selfService.open(token)
				: storeCalls.call(() -> selfService.confirm(token, requestType));
		if (requestType == null && shown.kind() != LinkPage.Kind.INVALID) {
			shown = new LinkPage(LinkPage.Kind.WRONG_TYPE, shown.type(), shown.purpose(), null, null);
		}
		if (shown.kind() == LinkPage.Kind.STATUS || shown.kind() == LinkPage.Kind.AWAITING_NEW_ADDRESS) {
			return seeStatus(token, lang);
		}
		return linkPage(shown, token, lang);
	}

	/** Post/redirect/get: reloading the status page reads it again instead of filing again. */
	private static ModelAndView seeStatus(String token, String lang) {
		var status = new RedirectView(UriComponentsBuilder.fromPath("/privacy/request")
			.queryParam("token", token)
			.queryParam("lang", Languages.orDefault(lang))
			.encode()
			.build()
			.toUriString(), false, false);
		status.setExposeModelAttributes(false);
		status.setStatusCode(HttpStatus.SEE_OTHER);
		return new ModelAndView(status);
	}

	@Operation(summary = "Files a request from a comment's private link (the ticket its page signed); then its progress")
	@PostMapping(path = "/privacy/request/comment", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ModelAndView fileThroughComment(@RequestParam(required = false) String ticket,
			@RequestParam(required = false) String lang) {
		String language = Languages.orDefault(lang);
		Optional<String> token = storeCalls.call(() -> commentLinks.fileThroughComment(ticket, language));
		if (token.isEmpty()) {
			return page("selfservice/comment-invalid", HttpStatus.BAD_REQUEST, lang);
		}
		return seeStatus(token.get(), lang);
	}

	@Operation(summary = "A finished access request's export as a page to read")
	@GetMapping("/privacy/request/export")
	ModelAndView exportPage(@RequestParam(required = false) String token,
			@RequestParam(required = false) String lang) {
		Optional<AccessExport> export = storeCalls.call(() -> selfService.export(token));
		if (export.isEmpty()) {
			return page("selfservice/export-unavailable", HttpStatus.NOT_FOUND, lang);
		}
		ModelAndView page = page("selfservice/export", HttpStatus.OK, lang);
		page.addObject("export", export.get());
		page.addObject("stores", export.get().stores().stream()
			.map(s -> new StoreRows(s, ExportRows.of(s.data()))).toList());
		return page;
	}

	record StoreRows(AccessExport.StoreExport store, List<ExportRows.Row> rows) {
	}

	@Operation(summary = "A finished access request's export as JSON to download (Art. 20: machine-readable)")
	@GetMapping(path = "/privacy/request/export.json")
	Object exportJson(@RequestParam(required = false) String token, @RequestParam(required = false) String lang) {
		Optional<AccessExport> export = storeCalls.call(() -> selfService.export(token));
		if (export.isEmpty()) {
			return page("selfservice/export-unavailable", HttpStatus.NOT_FOUND, lang);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"my-data-" + export.get().requestId() + ".json\"")
			.body(export.get());
	}

	private void request(SelfServiceForm form) {
		var order = form.validated();
		// Bulkhead and breaker around the store: a slow or failing MongoDB gets a quick 503, not a pile of waiters.
		storeCalls.run(() -> selfService.request(order));
	}

	/** The type the page's button names, or null: a wrong type is a page of its own, not a problem. */
	private static RequestType requestType(String type) {
		return FieldRules.constant("type", type, RequestType.class, new ArrayList<>());
	}

	private static ModelAndView linkPage(LinkPage shown, String token, String lang) {
		return switch (shown.kind()) {
			case INVALID -> page("selfservice/invalid", HttpStatus.BAD_REQUEST, lang);
			case WRONG_TYPE -> page("selfservice/wrong-type", HttpStatus.BAD_REQUEST, lang);
			case CONFIRM, CONFIRM_NEW_ADDRESS, AWAITING_NEW_ADDRESS, STATUS, ALREADY_CONFIRMED -> {
				String view = switch (shown.kind()) {
					case CONFIRM, CONFIRM_NEW_ADDRESS -> "selfservice/confirm";
					case AWAITING_NEW_ADDRESS -> "selfservice/awaiting-new-address";
					default -> "selfservice/status";
				};
				ModelAndView page = page(view, HttpStatus.OK, lang);
				page.addObject("shown", shown);
				page.addObject("token", token);
				yield page;
			}
		};
	}

	private static ModelAndView page(String view, HttpStatus status, String lang) {
		ModelAndView page = new ModelAndView(view, status);
		page.addObject("lang", Languages.orDefault(lang));
		page.addObject("dates", DATES);
		return page;
	}

	private static final Dates DATES = new Dates();

	/** Dates as the person reads them: the day in the controller's calendar (Berlin). */
	static final class Dates {

		private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy")
			.withZone(ZoneId.of("Europe/Berlin"));

		public String day(Instant at) {
			return at == null ? "" : DAY.format(at);
		}
	}
}
