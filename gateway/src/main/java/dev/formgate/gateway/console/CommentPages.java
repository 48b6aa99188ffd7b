package dev.formgate.gateway.console;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Comments (role comment-moderator): the moderation queue and the lists by state, publishing and rejecting the ticked
 * comments at once, removing a published one with its reason. The evidence of one comment (role privacy-admin) is
 * disclosed on a page of its own, for a reason the officer gives, as a download. Names and texts are shown as the
 * authors typed them, escaped; no address ever reaches a page.
 */
@Controller
@Conditional(ConsoleEnabled.class)
class CommentPages {

	static final Set<String> STATES = new LinkedHashSet<>(List.of("PENDING", "PUBLISHED", "REJECTED", "REMOVED"));
	static final Set<String> DECISIONS = Set.of("PUBLISHED", "REJECTED");
	static final int PAGE_SIZE = 50;
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AdminApi api;

	CommentPages(AdminApi api) {
		this.api = api;
	}

	@GetMapping("/console/comments")
	Mono<String> list(@RequestParam(required = false) String state, @RequestParam(required = false) String page,
			@RequestParam(required = false) String done, @RequestParam(required = false) String error, Model model) {
		String chosen = Forms.oneOf(state, STATES);
		String shown = chosen == null ? "PENDING" : chosen;
		int number = Forms.page(page);
		model.addAttribute("states", STATES);
		model.addAttribute("state", shown);
		model.addAttribute("done", Forms.code(done));
		model.addAttribute("error", Forms.code(error));
		return api.get(uri -> uri.path("/api/admin/comments").queryParam("state", shown).queryParam("page", number)
			.queryParam("size", PAGE_SIZE).build()).map(listing -> {
				model.addAttribute("listing", Json.map(listing));
				model.addAttribute("paging", Paging.of(listing, "/console/comments", Map.of("state", shown)));
				return "console/comments";
			});
	}

	/** The ticked comments ({@code ids}) published or rejected at once ({@code decision}). */
	@PostMapping("/console/comments/moderation")
	Mono<Void> decide(ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(form -> {
			String decision = Forms.oneOf(form.getFirst("decision"), DECISIONS);
			List<String> ids = form.getOrDefault("ids", List.of()).stream().filter(id -> Forms.ID.matcher(id).matches())
				.distinct().limit(PAGE_SIZE).toList();
			if (decision == null || ids.isEmpty()) {
				return Forms.seeOther(exchange, "/console/comments?error=none-selected");
			}
			return api.send(HttpMethod.POST, uri -> uri.path("/api/admin/comments/moderation").build(),
					Map.of("ids", ids, "state", decision))
				.then(Forms.seeOther(exchange, "/console/comments?done=" + decision.toLowerCase()));
		});
	}

	@PostMapping("/console/comments/{id}/remove")
	Mono<Void> remove(@PathVariable String id, ServerWebExchange exchange) {
		String commentId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> api
			.send(HttpMethod.PUT, uri -> uri.path("/api/admin/comments/{id}/state").build(commentId),
					Map.of("state", "REMOVED", "reason", Forms.text(form, "reason")))
			.then(Forms.seeOther(exchange, "/console/comments?state=PUBLISHED&done=removed"))
			.onErrorResume(AdminApi.Refused.class, refused -> switch (refused.status.value()) {
				case 400 -> Forms.seeOther(exchange, "/console/comments?state=PUBLISHED&error=reason-"
						+ ContactRequestPages.code(refused));
				case 409 -> Forms.seeOther(exchange, "/console/comments?state=PUBLISHED&error=conflict");
				default -> Mono.error(refused);
			}));
	}

	@GetMapping("/console/comment-evidence")
	String evidencePage(@RequestParam(required = false) String id, @RequestParam(required = false) String error,
			Model model) {
		model.addAttribute("id", id != null && Forms.ID.matcher(id).matches() ? id : "");
		model.addAttribute("error", Forms.code(error));
		return "console/comment-evidence";
	}

	/** Discloses one comment's evidence for the reason given: a download, recorded with the entry and in the trail. */
	@PostMapping("/console/comment-evidence")
	Mono<ResponseEntity<byte[]>> disclose(ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(form -> {
			String id = form.getFirst("id");
			if (id == null || !Forms.ID.matcher(id.strip()).matches()) {
				return back("id-invalid", "");
			}
			String commentId = id.strip();
			return api.send(HttpMethod.POST, uri -> uri.path("/api/admin/comments/{id}/evidence").build(commentId),
					Map.of("reason", Forms.text(form, "reason")))
				.map(answer -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
					.header(HttpHeaders.CACHE_CONTROL, "no-store")
					.header(HttpHeaders.CONTENT_DISPOSITION,
							"attachment; filename=\"comment-" + commentId + "-evidence.json\"")
					.body(JSON.writeValueAsBytes(answer.getBody())))
				.onErrorResume(AdminApi.Refused.class, refused -> switch (refused.status.value()) {
					case 400 -> back("reason-" + ContactRequestPages.code(refused), commentId);
					case 404, 410 -> back("gone", commentId);
					default -> Mono.error(refused);
				});
		});
	}

	private static Mono<ResponseEntity<byte[]>> back(String error, String id) {
		return Mono.just(ResponseEntity.status(303)
			.location(URI.create("/console/comment-evidence?error=" + error + (id.isEmpty() ? "" : "&id=" + id)))
			.<byte[]>build());
	}
}
