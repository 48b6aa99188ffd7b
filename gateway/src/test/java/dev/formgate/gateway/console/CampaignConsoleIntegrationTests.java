package dev.formgate.gateway.console;

import dev.formgate.gateway.audit.AuditTrail;
import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign pages' side of the gateway without a provider: they need a signed-in session like every console page,
 * their forms change nothing without the session's token, and each campaign step an editor takes through the admin
 * API is in the audit trail under the campaign's id (the campaign page shows that trail). The pages themselves run
 * signed in against the real stack in ConsoleBrowserIntegrationTests.
 */
@GatewayTest
@TestPropertySource(properties = { "formgate.console.client-id=formgate-console",
		"formgate.console.client-secret=test-console-secret",
		"formgate.console.discovery-uri=http://127.0.0.1:9/.well-known/openid-configuration" })
class CampaignConsoleIntegrationTests {

	final Client client;

	@Autowired
	AuditTrail audit;

	@Autowired
	MessageSource messages;

	CampaignConsoleIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@Test
	void sendsABrowserWithoutSessionToSignIn() {
		for (String path : List.of("/console/newsletter/campaigns", "/console/newsletter/campaigns/new",
				"/console/newsletter/campaigns/c1", "/console/newsletter/campaigns/c1/preview/de")) {
			var answer = client.get(path, "Accept", "text/html");
			assertThat(answer.statusCode()).as(path).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location")).as(path).hasValue("/oauth2/authorization/formgate");
		}
	}

	@Test
	void refusesAStepWithoutSessionOrTokenAndForwardsNothing() {
		int before = GatewayTestInfrastructure.RECEIVED.size();
		for (String step : List.of("", "/c1", "/c1/test", "/c1/schedule", "/c1/send", "/c1/pause", "/c1/resume",
				"/c1/cancel")) {
			String path = "/console/newsletter/campaigns" + step;
			var answer = client.postForm(path, "de.subject=Hallo&lists=news&at=2030-01-01T08%3A00", "Accept", "text/html");
			assertThat(answer.statusCode()).as(path).isEqualTo(403);
			assertThat(answer.body()).as(path).contains("Es wurde nichts geändert").doesNotContain("Hallo");
		}
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@Test
	void recordsEachCampaignStepUnderTheCampaignWithoutItsText() {
		String id = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		String token = AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR);
		assertThat(client.send("PUT", "/api/admin/newsletter/campaigns/" + id, "application/json",
				"{\"content\":{\"de\":{\"subject\":\"Geheimer Betreff\",\"body\":\"Text\"}},\"lists\":[\"news\"]}",
				"Authorization", token).statusCode()).isEqualTo(200);
		for (String step : List.of("send", "pause", "cancel")) {
			assertThat(client.send("POST", "/api/admin/newsletter/campaigns/" + id + "/" + step, "application/json", "",
					"Authorization", token).statusCode()).isEqualTo(202);
		}
		var trail = audit.about(id).collectList().block();
		assertThat(trail).extracting(e -> e.action()).containsExactly("PUT newsletter/campaigns/{id}",
				"POST newsletter/campaigns/{id}/send", "POST newsletter/campaigns/{id}/pause",
				"POST newsletter/campaigns/{id}/cancel");
		assertThat(trail).allSatisfy(entry -> assertThat(entry.fields().toString()).doesNotContain("Geheim"));
		var labels = new Labels(messages, Locale.GERMAN);
		assertThat(trail).extracting(e -> labels.action(e.action())).containsExactly("Ausgabe geändert",
				"Versand gestartet", "Versand angehalten", "Ausgabe abgebrochen");
	}
}
