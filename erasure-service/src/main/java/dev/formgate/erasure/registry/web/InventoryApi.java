package dev.formgate.erasure.registry.web;

import dev.formgate.erasure.registry.Registry;
import dev.formgate.erasure.registry.StoreInventory;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.BrowserRequests;
import dev.formgate.web.Languages;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/admin/inventory}: the record of processing (Art. 30) from the stores' announcements. API clients
 * get JSON; browsers a page in German, or English with {@code ?lang=en} or an Accept-Language that prefers it.
 * Needs the role {@code privacy-admin}.
 */
@Controller
@RequestMapping("/api/admin/inventory")
@PreAuthorize("hasAuthority('" + AdminRoles.PRIVACY_ADMIN + "')")
class InventoryApi {

	private final Registry registry;
	private final ViewResolver views;
	private final Clock clock;

	InventoryApi(Registry registry, @Qualifier("thymeleafViewResolver") ViewResolver views, Clock clock) {
		this.registry = registry;
		this.views = views;
		this.clock = clock;
	}

	record Inventory(Instant generatedAt, List<StoreInventory> stores) {
	}

	@Operation(summary = "The record of processing (Art. 30): every registered store's inventory, as JSON or, for a "
			+ "browser, as a page in German or English")
	@GetMapping
	Object inventory(@RequestParam(required = false) String lang, HttpServletRequest request) throws Exception {
		var inventory = new Inventory(clock.instant(), registry.all());
		if (!BrowserRequests.wantsHtml(request)) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(inventory);
		}
		// The shared locale resolver knows only ?lang=; this page honours Accept-Language too, so the view is
		// resolved here with the language chosen.
		Locale locale = Locale.forLanguageTag(language(lang, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
		View page = views.resolveViewName("pages/inventory", locale);
		var model = new ModelAndView(page);
		model.addObject("inventory", inventory);
		model.addObject("lang", locale.getLanguage());
		return model;
	}

	/** {@code lang} if supported, else the first supported language of Accept-Language, else German. */
	static String language(String lang, String acceptLanguage) {
		if (lang != null && Languages.SUPPORTED.contains(lang)) {
			return lang;
		}
		if (acceptLanguage != null) {
			try {
				for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
					String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
					if (range.getWeight() > 0 && Languages.SUPPORTED.contains(language)) {
						return language;
					}
				}
			}
			catch (IllegalArgumentException e) {
				// a malformed header counts as none
			}
		}
		return Languages.DEFAULT;
	}
}
