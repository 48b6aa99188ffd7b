package dev.formgate.gateway.console;

import dev.formgate.gateway.audit.AuditTrail;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Data-subject requests (role privacy-admin): file one, the list by state and deadline with the overdue ones marked,
 * one request with each store's progress, the review of a self-service request held for it (approve, or decline with
 * a reason the person sees), extension and cancellation with a reason, the receipt to print, the access export to
 * download.
 */
@Controller
@Conditional(ConsoleEnabled.class)
class PrivacyRequestPages {

	static final Set<String> TYPES = new LinkedHashSet<>(List.of("ACCESS", "ERASURE", "RECTIFICATION", "RESTRICTION",
			"LIFT_RESTRICTION", "OBJECTION", "WITHDRAWAL"));
	static final Set<String> STATES = new LinkedHashSet<>(List.of("AWAITING_REVIEW", "RECEIVED", "IN_PROGRESS",
			"COMPLETED", "PARTIAL", "FAILED", "CANCELLED"));
	static final Set<String> CHANNELS = new LinkedHashSet<>(List.of("EMAIL", "LETTER", "IN_PERSON", "PHONE", "FAX",
			"WEB_FORM", "OTHER"));
	static final List<String> FORM_FIELDS = List.of("type", "email", "commentId", "newEmail", "purpose", "receivedVia",
			"receivedAt", "note");

	private final AdminApi api;
	private final AuditTrail audit;

	PrivacyRequestPages(AdminApi api, AuditTrail audit) {
		this.api = api;
		this.audit = audit;
	}

	@GetMapping("/console/privacy-requests")
	Mono<String> list(@RequestParam(required = false) String state, @RequestParam(required = false) String type,
			@RequestParam(required = false) String overdue, @RequestParam(required = false) String page,
			Model model) {
		String chosenState = Forms.oneOf(state, STATES);
		String chosenType = Forms.oneOf(type, TYPES);
		boolean onlyOverdue = "true".equals(overdue);
		model.addAttribute("states", STATES);
		model.addAttribute("types", TYPES);
		model.addAttribute("state", chosenState);
		model.addAttribute("type", chosenType);
		model.addAttribute("overdue", onlyOverdue);
		return api.get(uri -> uri.path("/api/admin/privacy-requests")
			.queryParamIfPresent("state", Optional.ofNullable(chosenState))
			.queryParamIfPresent("type", Optional.ofNullable(chosenType))
			.queryParam("overdue", onlyOverdue).queryParam("page", Forms.page(page)).queryParam("size", 20).build())
			.map(listing -> {
				model.addAttribute("listing", Json.map(listing));
				Map<String, String> filter = new LinkedHashMap<>();
				filter.put("state", chosenState);
				filter.put("type", chosenType);
				filter.put("overdue", onlyOverdue ? "true" : null);
				model.addAttribute("paging", Paging.of(listing, "/console/privacy-requests", filter));
				return "console/privacy-requests";
			});
	}

	@GetMapping("/console/privacy-requests/new")
	String form(Model model) {
		model.addAttribute("types", TYPES);
		model.addAttribute("channels", CHANNELS);
		model.addAttribute("form", Map.of());
		model.addAttribute("errors", Map.of());
		return "console/privacy-request-new";
	}

	@PostMapping("/console/privacy-requests")
	Mono<String> file(ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap(form -> {
			Map<String, String> body = new LinkedHashMap<>();
			for (String field : FORM_FIELDS) {
				String value = form.getFirst(field);
				if (value != null && !value.isBlank()) {
					body.put(field, value.strip());
				}
			}
			return api.send(HttpMethod.POST, uri -> uri.path("/api/admin/privacy-requests").build(), body)
				// WebFlux answers "redirect:" with 303: a reload does not file the request again.
				.map(created -> "redirect:/console/privacy-requests/"
						+ Forms.id(created.getBody().path("id").asString("")) + "?done=filed")
				.onErrorResume(AdminApi.Refused.class, refused -> {
					if (refused.status.value() != 400) {
						return Mono.error(refused);
					}
					exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
					model.addAttribute("types", TYPES);
					model.addAttribute("channels", CHANNELS);
					model.addAttribute("form", values(form));
					model.addAttribute("errors", errors(refused));
					return Mono.just("console/privacy-request-new");
				});
		});
	}

	@GetMapping("/console/privacy-requests/{id}")
	Mono<String> show(@PathVariable String id, @RequestParam(required = false) String done,
			@RequestParam(required = false) String error, Model model) {
		String requestId = Forms.id(id);
		model.addAttribute("done", Forms.code(done));
		model.addAttribute("error", Forms.code(error));
		return api.get(uri -> uri.path("/api/admin/privacy-requests/{id}").build(requestId))
			.zipWith(audit.about(requestId).collectList())
			.map(found -> {
				model.addAttribute("request", Json.map(found.getT1()));
				model.addAttribute("trail", found.getT2());
				return "console/privacy-request";
			});
	}

	@PostMapping("/console/privacy-requests/{id}/extension")
	Mono<Void> extend(@PathVariable String id, ServerWebExchange exchange) {
		String requestId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("months", "2".equals(form.getFirst("months")) ? 2 : 1);
			body.put("reason", Forms.text(form, "reason"));
			return change(exchange, requestId, "extension", body, "extended");
		});
	}

	@PostMapping("/console/privacy-requests/{id}/cancellation")
	Mono<Void> cancel(@PathVariable String id, ServerWebExchange exchange) {
		String requestId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> change(exchange, requestId, "cancellation",
				Map.of("reason", Forms.text(form, "reason")), "cancelled"));
	}

	/** A self-service request held for review: approved it goes out, declined the person is told why. */
	@PostMapping("/console/privacy-requests/{id}/review")
	Mono<Void> review(@PathVariable String id, ServerWebExchange exchange) {
		String requestId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> {
			boolean approve = "APPROVE".equals(form.getFirst("decision"));
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("decision", approve ? "APPROVE" : "DECLINE");
			if (!approve) {
				body.put("reason", Forms.text(form, "reason"));
			}
			return change(exchange, requestId, "review", body, approve ? "approved" : "declined");
		});
	}

	private Mono<Void> change(ServerWebExchange exchange, String id, String what, Object body, String done) {
		String page = "/console/privacy-requests/" + id;
		return api.send(HttpMethod.POST, uri -> uri.path("/api/admin/privacy-requests/{id}/" + what).build(id), body)
			.then(Forms.seeOther(exchange, page + "?done=" + done))
			.onErrorResume(AdminApi.Refused.class, refused -> switch (refused.status.value()) {
				case 400 -> Forms.seeOther(exchange, page + "?error=" + what + "-" + ContactRequestPages.code(refused));
				case 409 -> Forms.seeOther(exchange, page + "?error=" + what + "-conflict");
				default -> Mono.error(refused);
			});
	}

	@GetMapping("/console/privacy-requests/{id}/receipt")
	Mono<String> receipt(@PathVariable String id, Model model) {
		String requestId = Forms.id(id);
		return api.get(uri -> uri.path("/api/admin/privacy-requests/{id}/receipt").build(requestId)).map(receipt -> {
			model.addAttribute("receipt", Json.map(receipt));
			return "console/privacy-receipt";
		});
	}

	/** The stores' data of an access request, as the API gives it: a download, never kept on the way. */
	@GetMapping("/console/privacy-requests/{id}/export")
	Mono<ResponseEntity<byte[]>> export(@PathVariable String id) {
		String requestId = Forms.id(id);
		return api.download(uri -> uri.path("/api/admin/privacy-requests/{id}/export").build(requestId))
			.map(answer -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-export-" + requestId + ".json\"")
				.body(answer.getBody()));
	}

	private static Map<String, String> values(MultiValueMap<String, String> form) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : FORM_FIELDS) {
			String value = form.getFirst(field);
			values.put(field, value == null ? "" : value);
		}
		return values;
	}

	/** field → code ({@code required}, {@code invalid}, …), as the API named them. */
	private static Map<String, String> errors(AdminApi.Refused refused) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (String problem : refused.fields) {
			String field = problem.substring(0, problem.indexOf(':'));
			String code = Forms.code(problem.substring(problem.indexOf(':') + 1));
			if (FORM_FIELDS.contains(field)) {
				errors.putIfAbsent(field, code == null ? "invalid" : code);
			}
		}
		return errors;
	}
}
