package dev.formgate.comment.comments.web;

import dev.formgate.comment.comments.CommentService;
import dev.formgate.events.CommentTickets;
import dev.formgate.resilience.StoreCalls;
import dev.formgate.web.Languages;
import dev.formgate.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.servlet.ModelAndView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The author's private delete link. A GET only shows a button (link scanners open links); the button's POST deletes
 * the comment and its evidence. For the comment's author the page also offers their rights on it (a copy, an objection
 * to the evidence, erasure with a receipt): buttons that post a signed ticket to the self-service pages of
 * erasure-service, which file the request with the ledger (docs/privacy.md, "The author's private link"). API clients {@code POST /api/comments/delete} with the id and the token. A used, wrong or
 * stale link changes nothing: {@code 410 delete-link-invalid} or its page.
 */
@Controller
class CommentPages {

	/** How long the rights' buttons on the link's page work after it was opened. */
	static final Duration TICKET_VALIDITY = Duration.ofHours(1);

	/** The rights the link's page offers (docs/privacy.md, "The author's private link"). */
	static final List<String> RIGHTS = List.of("ACCESS", "OBJECTION", "ERASURE");

	private final CommentService comments;
	private final CommentTickets tickets;
	private final StoreCalls storeCalls;
	private final Clock clock;

	CommentPages(CommentService comments, CommentTickets tickets, StoreCalls storeCalls, Clock clock) {
		this.comments = comments;
		this.tickets = tickets;
		this.storeCalls = storeCalls;
		this.clock = clock;
	}

	/** The comment and the token of the private link, as the embedded script sends them. */
	record DeleteRequest(String id, String token) {
	}

	static String deletePath(String commentId, String token) {
		return "/comments/delete?id=" + commentId + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	@ModelAttribute
	void noStore(HttpServletResponse response) {
		// The URL holds a credential: keep it out of caches, referrers and search engines.
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Referrer-Policy", "strict-origin");
		response.setHeader("X-Robots-Tag", "noindex");
	}

	@Operation(summary = "The delete page the author's private link opens: a button that POSTs the token (no change on GET)")
	@GetMapping("/comments/delete")
	ModelAndView deletePage(@RequestParam(required = false) String id, @RequestParam(required = false) String token,
			@RequestParam(required = false) String lang) {
		var page = new ModelAndView("pages/delete", HttpStatus.OK);
		page.addObject("id", id == null ? "" : id);
		page.addObject("token", token == null ? "" : token);
		page.addObject("lang", Languages.orDefault(lang));
		// A GET changes nothing: it checks the link and, for its author, signs what the rights' buttons may ask.
		if (storeCalls.call(() -> comments.isAuthor(id, token))) {
			Instant until = clock.instant().plus(TICKET_VALIDITY);
			Map<String, String> rights = new LinkedHashMap<>();
			RIGHTS.forEach(type -> rights.put(type, tickets.issue(id, type, until)));
			page.addObject("rights", rights);
		}
		return page;
	}

	@Operation(summary = "Deletes the comment by the button on the delete page; an HTML page either way")
	@PostMapping(path = "/comments/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ModelAndView delete(@RequestParam(required = false) String id, @RequestParam(required = false) String token,
			@RequestParam(required = false) String lang) {
		var page = new ModelAndView("pages/deleted", HttpStatus.OK);
		page.addObject("lang", Languages.orDefault(lang));
		try {
			comments.deleteByAuthor(id == null ? "" : id, token);
		}
		catch (ProblemException invalid) {
			page.setViewName("pages/delete-invalid");
			page.setStatus(HttpStatus.GONE);
		}
		return page;
	}

	@Operation(summary = "Deletes the comment with its private token (the embedded script's delete button)")
	@PostMapping(path = "/api/comments/delete", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> deleteApi(@RequestBody DeleteRequest request) {
		comments.deleteByAuthor(request.id() == null ? "" : request.id(), request.token());
		return ResponseEntity.noContent().build();
	}
}
