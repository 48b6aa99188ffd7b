package dev.formgate.newsletter.campaign.web;

import dev.formgate.newsletter.campaign.CampaignService;
import dev.formgate.web.Languages;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The public web archive of sent campaigns ({@code /newsletter/archive}): each campaign's subject and body as it went
 * out, without anything personal (no footer with an unsubscribe link, no recipient); the "view in browser" link of a
 * campaign mail opens its page here. A campaign taken out of the archive answers 404.
 */
@Controller
class ArchivePages {

	private final CampaignService campaigns;

	ArchivePages(CampaignService campaigns) {
		this.campaigns = campaigns;
	}

	@Operation(summary = "The public archive: every published campaign, newest first (HTML)")
	@GetMapping("/newsletter/archive")
	ModelAndView archive(@RequestParam(required = false) String lang, HttpServletResponse response) {
		String language = Languages.orDefault(lang);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
		var page = new ModelAndView("pages/archive");
		page.addObject("lang", language);
		page.addObject("campaigns", campaigns.archive(language));
		return page;
	}

	@Operation(summary = "One published campaign as it went out (HTML); 404 for others")
	@GetMapping("/newsletter/archive/{id}")
	ModelAndView campaign(@PathVariable String id, @RequestParam(required = false) String lang,
			HttpServletResponse response) {
		var campaign = campaigns.archived(id, Languages.orDefault(lang));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
		var page = new ModelAndView("pages/archive-campaign");
		page.addObject("lang", campaign.language());
		page.addObject("campaign", campaign);
		return page;
	}
}
