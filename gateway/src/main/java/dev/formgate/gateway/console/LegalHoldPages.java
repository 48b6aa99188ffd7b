package dev.formgate.gateway.console;

import dev.formgate.gateway.audit.AuditTrail;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Legal holds on comment evidence (role privacy-admin, docs/privacy.md "Comments"): the evidence held now with who
 * holds it since when and why; one comment's hold with its trail; setting a hold for a reason and releasing it, each
 * through the admin API and so in the staff audit trail. A held entry outlives its period, an objection and an
 * erasure until it is released. No address reaches these pages.
 */
@Controller
@Conditional(ConsoleEnabled.class)
class LegalHoldPages {

	static final String PAGE = "/console/legal-holds";

	private final AdminApi api;
	private final AuditTrail audit;

	LegalHoldPages(AdminApi api, AuditTrail audit) {
		this.api = api;
		this.audit = audit;
	}

	@GetMapping(PAGE)
	Mono<String> page(@RequestParam(required = false) String id, @RequestParam(required = false) String done,
			@RequestParam(required = false) String error, Model model) {
		String commentId = id != null && Forms.ID.matcher(id).matches() ? id : null;
		model.addAttribute("id", commentId == null ? "" : commentId);
		model.addAttribute("done", Forms.code(done));
		model.addAttribute("error", Forms.code(error));
		Mono<Map<String, Object>> holds = api.get(uri -> uri.path("/api/admin/comments/legal-holds").build())
			.map(Json::map);
		if (commentId == null) {
			return holds.map(listing -> {
				model.addAttribute("holds", listing);
				return "console/legal-holds";
			});
		}
		// Evidence that is gone (period over, objection, erasure) has no hold to show: the page says so.
		Mono<Map<String, Object>> one = api.get(uri -> uri.path("/api/admin/comments/{id}/legal-hold").build(commentId))
			.map(Json::map)
			.onErrorResume(AdminApi.Refused.class, refused -> refused.status.value() == 410
					|| refused.status.value() == 404 ? Mono.just(Map.of()) : Mono.error(refused));
		return Mono.zip(holds, one, audit.about(commentId).collectList()).map(found -> {
			model.addAttribute("holds", found.getT1());
			model.addAttribute("entry", found.getT2().isEmpty() ? null : found.getT2());
			model.addAttribute("trail", found.getT3());
			return "console/legal-holds";
		});
	}

	/** Sets the hold for the reason given (the API refuses a missing or too long reason: 400, shown by the field). */
	@PostMapping(PAGE)
	Mono<Void> hold(ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(form -> {
			String id = form.getFirst("id");
			if (id == null || !Forms.ID.matcher(id.strip()).matches()) {
				return Forms.seeOther(exchange, PAGE + "?error=id-invalid");
			}
			String commentId = id.strip();
			return change(exchange, HttpMethod.PUT, commentId, Map.of("reason", Forms.text(form, "reason")), "held");
		});
	}

	@PostMapping(PAGE + "/{id}/release")
	Mono<Void> release(@PathVariable String id, ServerWebExchange exchange) {
		String commentId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> change(exchange, HttpMethod.DELETE, commentId, null, "released"));
	}

	private Mono<Void> change(ServerWebExchange exchange, HttpMethod method, String commentId, Object body,
			String done) {
		String page = PAGE + "?id=" + commentId;
		return api.send(method, uri -> uri.path("/api/admin/comments/{id}/legal-hold").build(commentId), body)
			.then(Forms.seeOther(exchange, page + "&done=" + done))
			.onErrorResume(AdminApi.Refused.class, refused -> switch (refused.status.value()) {
				case 400 -> Forms.seeOther(exchange, page + "&error=reason-" + ContactRequestPages.code(refused));
				case 404, 410 -> Forms.seeOther(exchange, page + "&error=gone");
				default -> Mono.error(refused);
			});
	}
}
