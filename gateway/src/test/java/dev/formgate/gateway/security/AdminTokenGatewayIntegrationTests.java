package dev.formgate.gateway.security;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin routes are closed at the gateway without a valid token carrying the route's role. */
@GatewayTest
class AdminTokenGatewayIntegrationTests {

	static final String NEWSLETTER_ADMIN = "/api/admin/newsletter/unsubscriptions";

	final Client client;

	AdminTokenGatewayIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	static Stream<Arguments> forgeries() {
		return AdminTokenFixture.forgeries(AdminRoles.NEWSLETTER_EDITOR).entrySet().stream()
			.map(forgery -> Arguments.of(forgery.getKey(), forgery.getValue()));
	}

	@Test
	void refusesAnAdminCallWithoutTokenBeforeItReachesAService() {
		int before = GatewayTestInfrastructure.RECEIVED.size();

		var answer = client.postJson(NEWSLETTER_ADMIN, "{}");

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgeries")
	void refusesAForgedOrStaleToken(String forgery, String authorization) {
		assertThat(client.postJson(NEWSLETTER_ADMIN, "{}", "Authorization", authorization).statusCode())
			.isEqualTo(401);
	}

	@ParameterizedTest(name = "{0} needs {1}")
	@CsvSource({ "/api/admin/newsletter/unsubscriptions, newsletter-editor, contact-agent",
			"/api/admin/contact-requests, contact-agent, privacy-admin",
			"/api/admin/privacy-requests, privacy-admin, newsletter-editor",
			"/api/admin/inventory, privacy-admin, contact-agent",
			"/api/admin/activity, privacy-admin, contact-agent",
			"/api/admin/newsletter/dead-letters, privacy-admin, newsletter-editor",
			"/api/admin/contact/dead-letters, privacy-admin, contact-agent",
			"/api/admin/comment/dead-letters, privacy-admin, comment-moderator",
			"/api/admin/comments, comment-moderator, privacy-admin",
			"/api/admin/comments/some-id/evidence, privacy-admin, comment-moderator",
			"/api/admin/comments/some-id/legal-hold, privacy-admin, comment-moderator",
			"/api/admin/privacy/dead-letters, privacy-admin, newsletter-editor" })
	void refusesATokenWithoutTheRoleOfTheRoute(String path, String needed, String other) {
		var answer = client.get(path, "Authorization", AdminTokenFixture.bearer(other));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.body()).contains("\"status\":403");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/api/admin/newsletter/dead-letters", "/api/admin/contact/dead-letters",
			"/api/admin/comment/dead-letters" })
	void routesEachServicesDeadLettersToItForThePrivacyAdmin(String path) {
		var answer = client.get(path, "Authorization", AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(GatewayTestInfrastructure.RECEIVED).last().satisfies(received -> {
			assertThat(received.path()).isEqualTo(path);
			assertThat(received.bearer()).isTrue();
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/api/admin/privacy/dead-letters", "/api/admin/activity" })
	void routesTheErasureServicesCallsToItForThePrivacyAdmin(String path) {
		// The erasure-service is down in these tests: routed, its breaker answers 503 (an unrouted path gets 404).
		assertThat(client.get(path, "Authorization", AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN)).statusCode())
			.isEqualTo(503);
	}

	/**
	 * The token check guards only the admin paths, matched as the router matches them (exactly, case included): a
	 * spelling of an admin path that the check does not take for one is not routed either.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/API/admin/newsletter/unsubscriptions", "/api/Admin/newsletter/unsubscriptions",
			"/api/admin/Newsletter/unsubscriptions", "/api/admin/contact-requests/../newsletter/unsubscriptions",
			"/api/admin/%6eewsletter/unsubscriptions", "/api/%61dmin/newsletter/unsubscriptions",
			"/api//admin/newsletter/unsubscriptions", "/api/admin/newsletter/unsubscriptions;jsessionid=1",
			"/api/admin/newsletter/unsubscriptions/", "/api/admin/newsletter/unsubscriptions.", "/api/admin" })
	void neverRoutesAnotherSpellingOfAnAdminPathWithoutAToken(String path) {
		int before = GatewayTestInfrastructure.RECEIVED.size();

		var answer = client.get(path);

		assertThat(answer.statusCode()).isBetween(400, 499);
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@Test
	void refusesAnAdminPathNoRoleOpens() {
		assertThat(client.get("/api/admin/anything", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN, AdminRoles.CONTACT_AGENT,
						AdminRoles.NEWSLETTER_EDITOR)).statusCode()).isEqualTo(403);
	}

	@Test
	void routesAValidTokenWithTheRoleAndHandsTheTokenOnForTheServiceToCheckAgain() {
		var answer = client.postJson(NEWSLETTER_ADMIN, "{\"email\":\"a@example.org\"}", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));

		assertThat(answer.statusCode()).isEqualTo(202);
		assertThat(GatewayTestInfrastructure.RECEIVED).last().satisfies(received -> {
			assertThat(received.path()).isEqualTo(NEWSLETTER_ADMIN);
			assertThat(received.bearer()).isTrue();
		});
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
	}
}
