package dev.formgate.gateway.console;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newsletter (role newsletter-editor): the lists with their figures for a period, a sign-up on a person's behalf
 * (who still confirms by double opt-in) and an unsubscribe on request.
 */
@Controller
@Conditional(ConsoleEnabled.class)
class NewsletterPages {

	private final AdminApi api;

	NewsletterPages(AdminApi api) {
		this.api = api;
	}

	@GetMapping("/console/newsletter")
	Mono<String> lists(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String done, Model model) {
		Period period = Period.of(from, to, 30);
		model.addAttribute("period", period);
		model.addAttribute("done", Forms.code(done));
		model.addAttribute("form", Map.of());
		model.addAttribute("errors", Map.of());
		return page(period, model);
	}

	private Mono<String> page(Period period, Model model) {
		return api.get(uri -> uri.path("/api/admin/newsletter/lists").queryParam("from", period.from())
			.queryParam("to", period.to()).build()).map(figures -> {
				model.addAttribute("figures", Json.map(figures));
				return "console/newsletter";
			});
	}

	@PostMapping("/console/newsletter/subscriptions")
	Mono<String> signUp(ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap(form -> {
			Map<String, String> body = new LinkedHashMap<>();
			body.put("email", Forms.text(form, "email").strip());
			body.put("list", Forms.text(form, "list"));
			body.put("language", "en".equals(form.getFirst("language")) ? "en" : "de");
			return submit(exchange, model, "/api/admin/newsletter/subscriptions", body, "signed-up", "signup");
		});
	}

	@PostMapping("/console/newsletter/unsubscriptions")
	Mono<String> unsubscribe(ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap(form -> {
			Map<String, String> body = new LinkedHashMap<>();
			body.put("email", Forms.text(form, "email").strip());
			String list = Forms.code(form.getFirst("list"));
			if (list != null) {
				body.put("list", list);
			}
			return submit(exchange, model, "/api/admin/newsletter/unsubscriptions", body, "unsubscribed",
					"unsubscribe");
		});
	}

	/** Posts to the API; a refusal shows the page again with the form's values and the message at its field. */
	private Mono<String> submit(ServerWebExchange exchange, Model model, String path, Map<String, String> body,
			String done, String formName) {
		return api.send(HttpMethod.POST, uri -> uri.path(path).build(), body)
			.map(answer -> "redirect:/console/newsletter?done=" + done)
			.onErrorResume(AdminApi.Refused.class, refused -> {
				if (refused.status.value() != 400 && refused.status.value() != 409) {
					return Mono.error(refused);
				}
				exchange.getResponse().setStatusCode(HttpStatus.valueOf(refused.status.value()));
				Map<String, String> errors = new LinkedHashMap<>();
				if (refused.status.value() == 409) {
					errors.put(formName + ".email", "suppressed");
				}
				for (String problem : refused.fields) {
					String field = problem.substring(0, problem.indexOf(':'));
					String code = Forms.code(problem.substring(problem.indexOf(':') + 1));
					errors.putIfAbsent(formName + "." + field, code == null ? "invalid" : code);
				}
				Period period = Period.of(null, null, 30);
				model.addAttribute("period", period);
				model.addAttribute("form", Map.of(formName + ".email", body.get("email")));
				model.addAttribute("errors", errors);
				return page(period, model);
			});
	}

	/** A range of Berlin calendar days, both ends included; a bad or missing end falls back to the last days. */
	record Period(LocalDate from, LocalDate to) {

		static Period of(String from, String to, int defaultDays) {
			LocalDate end = date(to, LocalDate.now(Formats.BERLIN));
			LocalDate start = date(from, end.minusDays(defaultDays - 1));
			if (start.isAfter(end) || start.isBefore(end.minusDays(730))) {
				start = end.minusDays(defaultDays - 1);
			}
			return new Period(start, end);
		}

		private static LocalDate date(String value, LocalDate fallback) {
			if (value == null || value.isBlank()) {
				return fallback;
			}
			try {
				return LocalDate.parse(value.strip());
			}
			catch (DateTimeParseException e) {
				return fallback;
			}
		}

		public LocalDate getFrom() {
			return from;
		}

		public LocalDate getTo() {
			return to;
		}
	}
}
