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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Newsletter campaigns (role newsletter-editor): the list by state with their counts, writing and changing a draft
 * (subject and Markdown body in German and English, the lists), and its preview in both languages as subscribers get
 * it. The preview is the service's sanitised HTML in a sandboxed frame of its own, with a policy that runs no script
 * and loads nothing but the images the operator allowed. The steps that send are {@link CampaignActions}.
 */
@Controller
@Conditional(ConsoleEnabled.class)
class CampaignPages {

	static final String PATH = "/console/newsletter/campaigns";
	static final Set<String> STATES = new LinkedHashSet<>(List.of("DRAFT", "SCHEDULED", "SENDING", "PAUSED", "SENT",
			"CANCELLED"));
	/** The framed preview: no script, no plugin, no form, nothing fetched but the images a campaign may show. */
	static final String PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https:; "
			+ "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

	private final AdminApi api;
	private final AuditTrail audit;

	CampaignPages(AdminApi api, AuditTrail audit) {
		this.api = api;
		this.audit = audit;
	}

	@GetMapping(PATH)
	Mono<String> list(@RequestParam(required = false) String state, @RequestParam(required = false) String page,
			ServerWebExchange exchange, Model model) {
		String chosenState = Forms.oneOf(state, STATES);
		model.addAttribute("states", STATES);
		model.addAttribute("state", chosenState);
		return api.get(uri -> uri.path("/api/admin/newsletter/campaigns")
			.queryParamIfPresent("state", Optional.ofNullable(chosenState)).queryParam("page", Forms.page(page))
			.queryParam("size", 20).build())
			.zipWith(listTitles(exchange))
			.map(found -> {
				JsonNode listing = found.getT1();
				model.addAttribute("listTitles", found.getT2());
				model.addAttribute("listing", Json.map(listing));
				Map<String, String> filter = new LinkedHashMap<>();
				filter.put("state", chosenState);
				model.addAttribute("paging", Paging.of(listing, PATH, filter));
				return "console/campaigns";
			});
	}

	@GetMapping(PATH + "/new")
	Mono<String> blank(Model model) {
		return form(model, null, CampaignForms.blank(), Map.of());
	}

	@PostMapping(PATH)
	Mono<String> create(ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap(form -> write(exchange, model, null, form));
	}

	@GetMapping(PATH + "/{id}/edit")
	Mono<String> edit(@PathVariable String id, Model model) {
		String campaignId = Forms.id(id);
		return api.get(uri -> uri.path("/api/admin/newsletter/campaigns/{id}").build(campaignId))
			.flatMap(campaign -> {
				if (!Set.of("DRAFT", "SCHEDULED").contains(campaign.path("state").asString())) {
					return Mono.just("redirect:" + PATH + "/" + campaignId + "?error=campaign-not-editable");
				}
				return form(model, campaignId, CampaignForms.values(campaign), Map.of());
			});
	}

	@PostMapping(PATH + "/{id}")
	Mono<String> change(@PathVariable String id, ServerWebExchange exchange, Model model) {
		String campaignId = Forms.id(id);
		return exchange.getFormData().flatMap(form -> write(exchange, model, campaignId, form));
	}

	/**
	 * Creates ({@code id} null) or changes the campaign; a refusal of its fields shows the form again with the
	 * message at each field, a campaign that started sending meanwhile its page with the reason.
	 */
	private Mono<String> write(ServerWebExchange exchange, Model model, String id, MultiValueMap<String, String> form) {
		Map<String, String> local = CampaignForms.localErrors(form);
		if (!local.isEmpty()) {
			exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
			return form(model, id, CampaignForms.values(form), local);
		}
		Mono<ResponseEntity<JsonNode>> sent = id == null
				? api.send(HttpMethod.POST, uri -> uri.path("/api/admin/newsletter/campaigns").build(),
						CampaignForms.body(form))
				: api.send(HttpMethod.PUT, uri -> uri.path("/api/admin/newsletter/campaigns/{id}").build(id),
						CampaignForms.body(form));
		return sent.map(answer -> "redirect:" + PATH + "/"
				+ Forms.id(answer.getBody() == null ? id : answer.getBody().path("id").asString(id)) + "?done="
				+ (id == null ? "campaign-created" : "campaign-saved"))
			.onErrorResume(AdminApi.Refused.class, refused -> {
				if (refused.status.value() == 409 && id != null) {
					return Mono.just("redirect:" + PATH + "/" + id + "?error=" + CampaignForms.refusal(refused));
				}
				if (refused.status.value() != 400) {
					return Mono.error(refused);
				}
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return form(model, id, CampaignForms.values(form), CampaignForms.errors(refused));
			});
	}

	private Mono<String> form(Model model, String id, Map<String, Object> values, Map<String, String> errors) {
		model.addAttribute("id", id);
		model.addAttribute("form", values);
		model.addAttribute("errors", errors);
		return lists(model).thenReturn("console/campaign-form");
	}

	/** The lists there are, with their titles and how many are confirmed on each now. */
	private Mono<Void> lists(Model model) {
		LocalDate today = LocalDate.now(Formats.BERLIN);
		return api.get(uri -> uri.path("/api/admin/newsletter/lists").queryParam("from", today)
			.queryParam("to", today).build()).doOnNext(figures -> model.addAttribute("lists",
					Json.map(figures).getOrDefault("lists", List.of()))).then();
	}

	/**
	 * Each list's title in the console's language, by id, for the pages that name a campaign's lists; a list no longer
	 * configured keeps its id.
	 */
	private Mono<Map<String, String>> listTitles(ServerWebExchange exchange) {
		boolean english = ConsoleLocale.english(exchange);
		LocalDate today = LocalDate.now(Formats.BERLIN);
		return api.get(uri -> uri.path("/api/admin/newsletter/lists").queryParam("from", today)
			.queryParam("to", today).build()).map(figures -> {
				Map<String, String> titles = new LinkedHashMap<>();
				figures.path("lists").forEach(list -> titles.put(list.path("list").asString(),
						list.path(english ? "titleEn" : "titleDe").asString(list.path("list").asString())));
				return titles;
			});
	}

	@GetMapping(PATH + "/{id}")
	Mono<String> show(@PathVariable String id, @RequestParam(required = false) String done,
			@RequestParam(required = false) String error, ServerWebExchange exchange, Model model) {
		String campaignId = Forms.id(id);
		model.addAttribute("done", Forms.code(done));
		model.addAttribute("error", Forms.code(error));
		return api.get(uri -> uri.path("/api/admin/newsletter/campaigns/{id}").build(campaignId))
			.flatMap(campaign -> Mono.zip(previews(campaignId, campaign), audit.about(campaignId).collectList(),
					listTitles(exchange))
				.map(found -> {
					model.addAttribute("campaign", Json.map(campaign));
					model.addAttribute("listTitles", found.getT3());
					model.addAttribute("previews", found.getT1());
					model.addAttribute("trail", found.getT2());
					return "console/campaign";
				}));
	}

	/** Subject and plain text of the mail in each of the campaign's languages (the HTML is framed). */
	private Mono<List<Map<String, Object>>> previews(String id, JsonNode campaign) {
		List<String> languages = CampaignForms.LANGUAGES.stream()
			.filter(language -> campaign.path("content").has(language)).toList();
		return Flux.fromIterable(languages).concatMap(language -> preview(id, language).map(Json::map)).collectList();
	}

	private Mono<JsonNode> preview(String id, String language) {
		return api.get(uri -> uri.path("/api/admin/newsletter/campaigns/{id}/preview").queryParam("lang", language)
			.build(id));
	}

	/** The mail's HTML as a document of its own, for the preview's sandboxed frame on the campaign's page. */
	@GetMapping(PATH + "/{id}/preview/{language}")
	Mono<ResponseEntity<String>> framedPreview(@PathVariable String id, @PathVariable String language) {
		String campaignId = Forms.id(id);
		if (!CampaignForms.LANGUAGES.contains(language)) {
			throw new Refusals.Refusal(Refusals.Kind.NOT_FOUND);
		}
		return preview(campaignId, language).map(preview -> ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.header("Content-Security-Policy", PREVIEW_POLICY)
			.header("X-Frame-Options", "SAMEORIGIN")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(preview.path("html").asString("")));
	}
}
