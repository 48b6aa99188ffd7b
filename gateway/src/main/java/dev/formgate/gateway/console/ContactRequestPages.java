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
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contact requests (role contact-agent): the list by state, topic and overdue, one request with its message, notes,
 * what staff did with it, the workflow and the legal hold; answering opens the person's mail client.
 */
@Controller
@Conditional(ConsoleEnabled.class)
class ContactRequestPages {

	static final Set<String> STATES = new LinkedHashSet<>(List.of("RECEIVED", "IN_PROGRESS", "ANSWERED", "CLOSED"));
	static final int PAGE_SIZE = 20;

	private final AdminApi api;
	private final AuditTrail audit;

	ContactRequestPages(AdminApi api, AuditTrail audit) {
		this.api = api;
		this.audit = audit;
	}

	@GetMapping("/console/contact-requests")
	Mono<String> list(@RequestParam(required = false) String state, @RequestParam(required = false) String topic,
			@RequestParam(required = false) String overdue, @RequestParam(required = false) String page,
			Model model) {
		String chosenState = Forms.oneOf(state, STATES);
		String chosenTopic = Forms.code(topic);
		boolean onlyOverdue = "true".equals(overdue);
		int number = Forms.page(page);
		model.addAttribute("states", STATES);
		model.addAttribute("state", chosenState);
		model.addAttribute("topic", chosenTopic);
		model.addAttribute("overdue", onlyOverdue);
		return api.get(uri -> uri.path("/api/admin/contact-requests")
			.queryParamIfPresent("state", java.util.Optional.ofNullable(chosenState))
			.queryParamIfPresent("topic", java.util.Optional.ofNullable(chosenTopic))
			.queryParam("overdue", onlyOverdue).queryParam("page", number).queryParam("size", PAGE_SIZE).build())
			.map(listing -> {
				model.addAttribute("listing", Json.map(listing));
				model.addAttribute("paging", Paging.of(listing, "/console/contact-requests", Map.of("state",
						chosenState == null ? "" : chosenState, "topic", chosenTopic == null ? "" : chosenTopic,
						"overdue", onlyOverdue ? "true" : "")));
				return "console/contact-requests";
			});
	}

	@GetMapping("/console/contact-requests/{id}")
	Mono<String> show(@PathVariable String id, @RequestParam(required = false) String done,
			@RequestParam(required = false) String error, Model model) {
		String requestId = Forms.id(id);
		model.addAttribute("done", Forms.code(done));
		model.addAttribute("error", Forms.code(error));
		model.addAttribute("states", STATES);
		return api.get(uri -> uri.path("/api/admin/contact-requests/{id}").build(requestId))
			.zipWith(audit.about(requestId).collectList())
			.map(found -> {
				JsonNode request = found.getT1();
				model.addAttribute("request", Json.map(request));
				model.addAttribute("trail", found.getT2());
				model.addAttribute("answer", mailto(request));
				return "console/contact-request";
			});
	}

	@PostMapping("/console/contact-requests/{id}/state")
	Mono<Void> changeState(@PathVariable String id, ServerWebExchange exchange) {
		String requestId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> {
			String state = Forms.oneOf(form.getFirst("state"), STATES);
			if (state == null) {
				return Forms.seeOther(exchange, page(requestId) + "?error=state-invalid");
			}
			return api.send(HttpMethod.PUT, uri -> uri.path("/api/admin/contact-requests/{id}/state").build(requestId),
					Map.of("state", state))
				.then(Forms.seeOther(exchange, page(requestId) + "?done=state"))
				.onErrorResume(AdminApi.Refused.class, refused -> refused.status.value() == 409
						? Forms.seeOther(exchange, page(requestId) + "?error=state-conflict") : Mono.error(refused));
		});
	}

	@PostMapping("/console/contact-requests/{id}/notes")
	Mono<Void> addNote(@PathVariable String id, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(form -> write(exchange, Forms.id(id), HttpMethod.POST, "/notes",
				Map.of("text", Forms.text(form, "text")), "note", "note"));
	}

	@PostMapping("/console/contact-requests/{id}/legal-hold")
	Mono<Void> holdLegally(@PathVariable String id, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(form -> write(exchange, Forms.id(id), HttpMethod.PUT, "/legal-hold",
				Map.of("reason", Forms.text(form, "reason")), "hold", "reason"));
	}

	/** Sends a form's text on; a refusal of the text comes back as the message at its field. */
	private Mono<Void> write(ServerWebExchange exchange, String requestId, HttpMethod method, String what,
			Map<String, String> body, String done, String field) {
		return api.send(method, uri -> uri.path("/api/admin/contact-requests/{id}" + what).build(requestId), body)
			.then(Forms.seeOther(exchange, page(requestId) + "?done=" + done))
			.onErrorResume(AdminApi.Refused.class, refused -> refused.status.value() == 400
					? Forms.seeOther(exchange, page(requestId) + "?error=" + field + "-" + code(refused))
					: Mono.error(refused));
	}

	@PostMapping("/console/contact-requests/{id}/legal-hold/release")
	Mono<Void> releaseLegalHold(@PathVariable String id, ServerWebExchange exchange) {
		String requestId = Forms.id(id);
		return api.send(HttpMethod.DELETE, uri -> uri.path("/api/admin/contact-requests/{id}/legal-hold")
			.build(requestId), null).then(Forms.seeOther(exchange, page(requestId) + "?done=released"));
	}

	private static String page(String id) {
		return "/console/contact-requests/" + id;
	}

	/** The first field problem's code ({@code required}, {@code too-long}), for the message next to the field. */
	static String code(AdminApi.Refused refused) {
		if (refused.fields.isEmpty()) {
			return "invalid";
		}
		String first = refused.fields.getFirst();
		String code = Forms.code(first.substring(first.indexOf(':') + 1));
		return code == null ? "invalid" : code;
	}

	/** The answer in the person's own mail client: to the sender, with the reference in the subject. */
	static String mailto(JsonNode request) {
		String email = request.path("email").asString("");
		if (email.isBlank()) {
			return null;
		}
		String subject = "Re: " + request.path("subject").asString("") + " [" + request.path("id").asString() + "]";
		return "mailto:" + UriUtils.encode(email, StandardCharsets.UTF_8).replace("%40", "@") + "?subject="
				+ UriUtils.encode(subject, StandardCharsets.UTF_8);
	}
}
