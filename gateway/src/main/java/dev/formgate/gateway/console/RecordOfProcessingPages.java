package dev.formgate.gateway.console;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The record of processing (Art. 30) as a printable page, and each service's dead letters with their replay (role
 * privacy-admin).
 */
@Controller
@Conditional(ConsoleEnabled.class)
class RecordOfProcessingPages {

	/** The services that list dead letters, by the admin path's name. */
	static final List<String> DEAD_LETTER_SERVICES = List.of("newsletter", "contact", "comment", "privacy");
	private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

	private final AdminApi api;

	RecordOfProcessingPages(AdminApi api) {
		this.api = api;
	}

	@GetMapping("/console/record-of-processing")
	Mono<String> record(Model model) {
		return api.get(uri -> uri.path("/api/admin/inventory").build()).map(inventory -> {
			model.addAttribute("inventory", Json.map(inventory));
			return "console/record-of-processing";
		});
	}

	@GetMapping("/console/dead-letters")
	Mono<String> deadLetters(@RequestParam(required = false) String done, @RequestParam(required = false) String error,
			Model model) {
		model.addAttribute("done", Forms.code(done));
		model.addAttribute("error", Forms.code(error));
		return Flux.fromIterable(DEAD_LETTER_SERVICES)
			.concatMap(service -> api.get(uri -> uri.path("/api/admin/{service}/dead-letters").build(service))
				.map(listing -> Map.entry(service, Json.map(listing))))
			.collectList()
			.map(listings -> {
				Map<String, Object> byService = new LinkedHashMap<>();
				listings.forEach(entry -> byService.put(entry.getKey(), entry.getValue().get("items")));
				model.addAttribute("deadLetters", byService);
				return "console/dead-letters";
			});
	}

	@PostMapping("/console/dead-letters/{service}/{topic}/{partition}/{offset}/replay")
	Mono<Void> replay(@PathVariable String service, @PathVariable String topic, @PathVariable String partition,
			@PathVariable String offset, ServerWebExchange exchange) {
		if (!DEAD_LETTER_SERVICES.contains(service) || !TOPIC.matcher(topic).matches()
				|| !partition.matches("\\d{1,6}") || !offset.matches("\\d{1,19}")) {
			throw new Refusals.Refusal(Refusals.Kind.NOT_FOUND);
		}
		return api.send(HttpMethod.POST, uri -> uri.path("/api/admin/{service}/dead-letters/{topic}/{partition}/{offset}/replay")
			.build(service, topic, partition, offset), null)
			.then(Forms.seeOther(exchange, "/console/dead-letters?done=replayed"));
	}
}
