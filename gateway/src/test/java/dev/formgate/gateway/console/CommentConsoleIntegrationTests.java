package dev.formgate.gateway.console;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comment pages' side of the gateway without a provider: they need a signed-in session like every console page,
 * their forms change nothing without the session's token, and the trail names each comment action in the page's
 * language. The pages themselves run signed in against the real stack in CommentIntegrationTests (infra/e2e).
 */
@GatewayTest
@TestPropertySource(properties = { "formgate.console.client-id=formgate-console",
		"formgate.console.client-secret=test-console-secret",
		"formgate.console.discovery-uri=http://127.0.0.1:9/.well-known/openid-configuration" })
class CommentConsoleIntegrationTests {

	final Client client;

	@Autowired
	MessageSource messages;

	CommentConsoleIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@Test
	void sendsABrowserWithoutSessionToSignIn() {
		for (String path : List.of("/console/comments", "/console/comments?state=PUBLISHED", "/console/comment-evidence",
				"/console/legal-holds", "/console/legal-holds?id=c1")) {
			var answer = client.get(path, "Accept", "text/html");
			assertThat(answer.statusCode()).as(path).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location")).as(path).hasValue("/oauth2/authorization/formgate");
		}
	}

	@Test
	void refusesAFormWithoutSessionOrTokenAndForwardsNothing() {
		int before = GatewayTestInfrastructure.RECEIVED.size();
		for (String path : List.of("/console/comments/moderation", "/console/comments/c1/remove",
				"/console/comment-evidence", "/console/legal-holds", "/console/legal-holds/c1/release")) {
			var answer = client.postForm(path, "ids=c1&decision=PUBLISHED&id=c1&reason=Gerichtsbeschluss", "Accept",
					"text/html");
			assertThat(answer.statusCode()).as(path).isEqualTo(403);
			assertThat(answer.body()).as(path).doesNotContain("Gerichtsbeschluss");
		}
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@Test
	void namesEveryCommentActionOfTheTrailInBothLanguages() {
		for (Locale locale : List.of(Locale.GERMAN, Locale.ENGLISH)) {
			var labels = new Labels(messages, locale);
			for (String action : List.of("PUT comments/{id}/state", "POST comments/moderation",
					"POST comments/{id}/evidence", "PUT comments/{id}/legal-hold", "DELETE comments/{id}/legal-hold",
					"POST comment/dead-letters/{record}/replay")) {
				assertThat(labels.action(action)).as(action).isNotEqualTo(action);
			}
		}
	}
}
