package dev.formgate.newsletter.campaign.web;

import dev.formgate.newsletter.campaign.CampaignForm;
import dev.formgate.newsletter.campaign.CampaignService;
import dev.formgate.newsletter.campaign.CampaignState;
import dev.formgate.newsletter.campaign.CampaignView;
import dev.formgate.security.AdminRoles;
import dev.formgate.web.Languages;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/admin/newsletter/campaigns} (role newsletter-editor): write, preview, test, schedule or send, pause,
 * resume, cancel, follow the progress. Refusals are problems of the one catalogue; a refused call changes nothing.
 */
@RestController
@PreAuthorize("hasAuthority('" + AdminRoles.NEWSLETTER_EDITOR + "')")
class CampaignApi {

	static final String BASE = "/api/admin/newsletter/campaigns";

	private final CampaignService campaigns;

	CampaignApi(CampaignService campaigns) {
		this.campaigns = campaigns;
	}

	/** Which campaigns to list: a state (any case) or all, newest first. */
	record Filter(CampaignState state, @Min(0) @Max(100_000) Integer page, @Min(1) @Max(100) Integer size) {

		Filter {
			page = page == null ? 0 : page;
			size = size == null ? 20 : size;
		}
	}

	record Schedule(Instant at) {
	}

	record PaceChange(Integer rate, Integer connections) {
	}

	record Test(List<String> to) {
	}

	@Operation(summary = "Campaigns, newest first, with their progress (role newsletter-editor)")
	@GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView.Page list(@Valid Filter filter) {
		return campaigns.page(filter.state(), filter.page(), filter.size());
	}

	@Operation(summary = "Writes a new campaign (a draft) (role newsletter-editor)")
	@PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CampaignView> create(@RequestBody CampaignForm form) {
		CampaignView created = campaigns.create(form);
		return ResponseEntity.created(URI.create(BASE + "/" + created.id())).body(created);
	}

	@Operation(summary = "One campaign with its progress: sent, failed, skipped, remaining, rate, estimated end")
	@GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView get(@PathVariable String id) {
		return campaigns.find(id);
	}

	@Operation(summary = "Changes a draft or scheduled campaign; 409 campaign-not-editable once it started sending")
	@PutMapping(path = BASE + "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView edit(@PathVariable String id, @RequestBody CampaignForm form) {
		return campaigns.edit(id, form);
	}

	@Operation(summary = "The mail as a subscriber in this language gets it (de, en; German when there is no English)")
	@GetMapping(path = BASE + "/{id}/preview", produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView.Preview preview(@PathVariable String id, @Valid Language language) {
		return campaigns.preview(id, language.lang());
	}

	/** {@code lang}: de or en, German by default. */
	record Language(String lang) {

		Language {
			lang = Languages.orDefault(lang);
		}
	}

	@Operation(summary = "A test mail in each language to the configured staff addresses (or those named of them)")
	@PostMapping(path = BASE + "/{id}/test", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Integer> test(@PathVariable String id, @RequestBody Test test) {
		return Map.of("sent", campaigns.testSend(id, test.to()));
	}

	@Operation(summary = "Schedules the campaign for a time in the future; 409 when nobody is confirmed on its lists")
	@PostMapping(path = BASE + "/{id}/schedule", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView schedule(@PathVariable String id, @RequestBody Schedule schedule) {
		return campaigns.schedule(id, schedule.at());
	}

	@Operation(summary = "Starts sending now: the recipients are those confirmed now; 409 if it started already")
	@PostMapping(path = BASE + "/{id}/send", produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView send(@PathVariable String id) {
		return campaigns.send(id);
	}

	@Operation(summary = "Pauses sending; the mails in flight finish")
	@PostMapping(path = BASE + "/{id}/pause", produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView pause(@PathVariable String id) {
		return campaigns.pause(id);
	}

	@Operation(summary = "Resumes a paused campaign where it stopped: nobody gets it twice")
	@PostMapping(path = BASE + "/{id}/resume", produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView resume(@PathVariable String id) {
		return campaigns.resume(id);
	}

	@Operation(summary = "Cancels a campaign that has not finished; those not yet mailed get nothing")
	@PostMapping(path = BASE + "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView cancel(@PathVariable String id) {
		return campaigns.cancel(id);
	}

	@Operation(summary = "Changes the rate (mails per second, all instances) and connections (per instance)")
	@PutMapping(path = BASE + "/{id}/pace", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView pace(@PathVariable String id, @RequestBody PaceChange pace) {
		return campaigns.changePace(id, pace.rate(), pace.connections());
	}

	@Operation(summary = "Takes the campaign out of the public archive")
	@DeleteMapping(path = BASE + "/{id}/archive", produces = MediaType.APPLICATION_JSON_VALUE)
	CampaignView withdraw(@PathVariable String id) {
		return campaigns.withdrawFromArchive(id);
	}
}
