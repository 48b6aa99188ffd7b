package dev.formgate.gateway.console;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The steps of a campaign from its page (role newsletter-editor): a test mail to the staff's test addresses, schedule
 * or send now, pause, resume, cancel, a new pace, out of the public archive. Each is one call of the campaigns API (audited there as every admin call); the
 * page comes back with what happened, or with why the API refused (started already, nobody on its lists, …).
 */
@Controller
@Conditional(ConsoleEnabled.class)
class CampaignActions {

	private final AdminApi api;

	CampaignActions(AdminApi api) {
		this.api = api;
	}

	@PostMapping(CampaignPages.PATH + "/{id}/test")
	Mono<Void> test(@PathVariable String id, ServerWebExchange exchange) {
		String campaignId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> {
			String to = Forms.text(form, "to").strip();
			return step(exchange, campaignId, "test", Map.of("to", to.isEmpty() ? List.of() : List.of(to)), "tested");
		});
	}

	@PostMapping(CampaignPages.PATH + "/{id}/schedule")
	Mono<Void> schedule(@PathVariable String id, ServerWebExchange exchange) {
		String campaignId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> {
			Instant at = CampaignForms.berlin(form.getFirst("at"));
			if (at == null) {
				return Forms.seeOther(exchange, page(campaignId) + "?error=at-invalid");
			}
			return step(exchange, campaignId, "schedule", Map.of("at", at.toString()), "scheduled");
		});
	}

	/** A new pace while it sends or is paused: mails per second and connections, a blank one unchanged. */
	@PostMapping(CampaignPages.PATH + "/{id}/pace")
	Mono<Void> pace(@PathVariable String id, ServerWebExchange exchange) {
		String campaignId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> {
			if (!CampaignForms.localErrors(form).isEmpty()) {
				return Forms.seeOther(exchange, page(campaignId) + "?error=pace-invalid");
			}
			Map<String, Object> pace = CampaignForms.pace(form);
			return api.send(HttpMethod.PUT, uri -> uri.path("/api/admin/newsletter/campaigns/{id}/pace")
				.build(campaignId), pace)
				.then(Forms.seeOther(exchange, page(campaignId) + "?done=campaign-pace"))
				.onErrorResume(AdminApi.Refused.class, refused -> refusedStep(exchange, campaignId, refused));
		});
	}

	/** Takes the campaign out of the public archive (its page there is gone at once). */
	@PostMapping(CampaignPages.PATH + "/{id}/archive/withdrawal")
	Mono<Void> withdraw(@PathVariable String id, ServerWebExchange exchange) {
		String campaignId = Forms.id(id);
		return api.send(HttpMethod.DELETE, uri -> uri.path("/api/admin/newsletter/campaigns/{id}/archive")
			.build(campaignId), null)
			.then(Forms.seeOther(exchange, page(campaignId) + "?done=campaign-withdrawn"))
			.onErrorResume(AdminApi.Refused.class, refused -> refusedStep(exchange, campaignId, refused));
	}

	/** {@code send}, {@code pause}, {@code resume} or {@code cancel}: a step without anything to fill in. */
	@PostMapping(CampaignPages.PATH + "/{id}/{step:send|pause|resume|cancel}")
	Mono<Void> move(@PathVariable String id, @PathVariable String step, ServerWebExchange exchange) {
		String campaignId = Forms.id(id);
		String done = switch (step) {
			case "send" -> "sending";
			case "pause" -> "paused";
			case "resume" -> "resumed";
			case "cancel" -> "cancelled";
			default -> throw new Refusals.Refusal(Refusals.Kind.NOT_FOUND);
		};
		return step(exchange, campaignId, step, null, done);
	}

	private Mono<Void> step(ServerWebExchange exchange, String id, String step, Object body, String done) {
		return api.send(HttpMethod.POST, uri -> uri.path("/api/admin/newsletter/campaigns/{id}/" + step).build(id),
				body)
			.then(Forms.seeOther(exchange, page(id) + "?done=campaign-" + done))
			.onErrorResume(AdminApi.Refused.class, refused -> refusedStep(exchange, id, refused));
	}

	/** The campaign's page with why the API refused; a refusal for which the console has a page of its own there. */
	private static Mono<Void> refusedStep(ServerWebExchange exchange, String id, AdminApi.Refused refused) {
		String reason = CampaignForms.refusal(refused);
		return reason == null ? Mono.error(refused) : Forms.seeOther(exchange, page(id) + "?error=" + reason);
	}

	private static String page(String id) {
		return CampaignPages.PATH + "/" + id;
	}
}
