package dev.formgate.gateway.console;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignFormsTests {

	@Test
	void sendsEnglishOnlyWhenTheEditorWroteSome() {
		var form = form("de.subject", "Neues", "de.body", "Hallo", "en.subject", " ", "en.body", "", "lists", "news");
		assertThat(CampaignForms.body(form)).containsEntry("content",
				Map.of("de", Map.of("subject", "Neues", "body", "Hallo")));
		form.set("en.body", "Hello");
		Map<?, ?> content = (Map<?, ?>) CampaignForms.body(form).get("content");
		assertThat(content.get("en")).isEqualTo(Map.of("subject", " ", "body", "Hello"));
	}

	@Test
	void keepsOnlyListCodesOnceAndTheArchiveChoice() {
		var form = form("de.subject", "s", "de.body", "b");
		form.addAll("lists", List.of("news", "news", "Not A Code", "events"));
		Map<String, Object> body = CampaignForms.body(form);
		assertThat(body).containsEntry("lists", List.of("news", "events")).containsEntry("archive", false)
			.doesNotContainKeys("rate", "connections");
		form.add("archive", "true");
		assertThat(CampaignForms.body(form)).containsEntry("archive", true);
	}

	@Test
	void sendsAWholeNumberPaceAsItIsAndRefusesTextBeforeAsking() {
		var zero = form("rate", "0", "connections", "-3");
		assertThat(CampaignForms.localErrors(zero)).isEmpty();
		assertThat(CampaignForms.body(zero)).containsEntry("rate", 0L).containsEntry("connections", -3L);
		var text = form("rate", "fast", "connections", "99999999999");
		assertThat(CampaignForms.localErrors(text)).containsEntry("rate", "invalid").containsEntry("connections",
				"invalid");
	}

	@Test
	void namesTheApisFieldProblemsByTheFormsFields() {
		var refused = new AdminApi.Refused(HttpStatusCode.valueOf(400), "https://formgate.dev/problems/invalid-input",
				List.of("content.de.body:not-allowed", "content.en.subject:required", "lists:invalid", "rate:invalid",
						"content:invalid", "secret:whatever"));
		assertThat(CampaignForms.errors(refused)).containsExactly(Map.entry("de.body", "not-allowed"),
				Map.entry("en.subject", "required"), Map.entry("lists", "invalid"), Map.entry("rate", "invalid"),
				Map.entry("de.subject", "invalid"));
		var unnamed = new AdminApi.Refused(HttpStatusCode.valueOf(400), "", List.of());
		assertThat(CampaignForms.errors(unnamed)).containsExactly(Map.entry("form", "invalid"));
	}

	@Test
	void callsARefusedStepByTheProblemsName() {
		assertThat(CampaignForms.refusal(refused(409, "https://formgate.dev/problems/illegal-state-change")))
			.isEqualTo("illegal-state-change");
		assertThat(CampaignForms.refusal(refused(409, "https://formgate.dev/problems/campaign-without-recipients")))
			.isEqualTo("campaign-without-recipients");
		assertThat(CampaignForms.refusal(refused(409, "about:blank?<script>"))).isEqualTo("conflict");
		assertThat(CampaignForms.refusal(new AdminApi.Refused(HttpStatusCode.valueOf(400), "", List.of("at:invalid"))))
			.isEqualTo("at-invalid");
		assertThat(CampaignForms.refusal(new AdminApi.Refused(HttpStatusCode.valueOf(400), "",
				List.of("to:not-allowed")))).isEqualTo("to-not-allowed");
		assertThat(CampaignForms.refusal(new AdminApi.Refused(HttpStatusCode.valueOf(400), "",
				List.of("rate:invalid")))).isEqualTo("pace-invalid");
		assertThat(CampaignForms.refusal(new AdminApi.Refused(HttpStatusCode.valueOf(400), "",
				List.of("lists:invalid")))).isEqualTo("invalid");
		assertThat(CampaignForms.refusal(refused(503, ""))).isEqualTo("unavailable");
		assertThat(CampaignForms.refusal(refused(404, ""))).isNull();
		assertThat(CampaignForms.refusal(refused(403, ""))).isNull();
	}

	@Test
	void readsTheScheduleInBerlinTime() {
		assertThat(CampaignForms.berlin("2026-12-24T08:00")).isEqualTo(Instant.parse("2026-12-24T07:00:00Z"));
		assertThat(CampaignForms.berlin("2026-07-01T08:00")).isEqualTo(Instant.parse("2026-07-01T06:00:00Z"));
		assertThat(CampaignForms.berlin("tomorrow")).isNull();
		assertThat(CampaignForms.berlin("")).isNull();
		assertThat(CampaignForms.berlin(null)).isNull();
	}

	private static AdminApi.Refused refused(int status, String type) {
		return new AdminApi.Refused(HttpStatusCode.valueOf(status), type, List.of());
	}

	private static MultiValueMap<String, String> form(String... pairs) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.add(pairs[i], pairs[i + 1]);
		}
		return form;
	}
}
