package dev.formgate.gateway.console;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's side of the gateway with a provider that cannot be reached: what a browser gets before it signs in,
 * that forms without a session and token change nothing, that the public pages stay cookie-free, and that admin
 * calls with a bearer token keep working and are recorded in the audit trail without personal data. Sign-in itself
 * runs against a real provider in the end-to-end tests (ConsoleBrowserIntegrationTests).
 */
@GatewayTest
@TestPropertySource(properties = { "formgate.console.client-id=formgate-console",
		"formgate.console.client-secret=test-console-secret",
		"formgate.console.discovery-uri=http://127.0.0.1:9/.well-known/openid-configuration" })
class ConsoleGatewayIntegrationTests {

	final Client client;

	@Autowired
	ReactiveMongoTemplate mongo;

	ConsoleGatewayIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@Test
	void sendsABrowserWithoutSessionToSignInWithAnHttpOnlyLaxCookie() {
		var answer = client.get("/console/contact-requests?state=RECEIVED", "Accept", "text/html");
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location")).hasValue("/oauth2/authorization/formgate");
		assertThat(answer.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
			.startsWith("__Host-formgate-console=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Secure")
			.contains("Path=/"));
		String csp = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(csp).contains("script-src 'self'").contains("form-action 'self'").doesNotContain("unsafe-inline");
		assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(ConsoleSecurity.policy(new dev.formgate.gateway.security.SecurityProperties("https://forms.example.org",
				List.of(), "default-src 'self'; form-action 'self'; frame-ancestors 'none'", java.time.Duration.ZERO),
				"https://login.example.org/realms/staff"))
			.isEqualTo("default-src 'self'; form-action 'self' https://login.example.org; frame-ancestors 'none'");
	}

	@Test
	void answersServiceUnavailableWhileTheProviderCannotBeReached() {
		var answer = client.get("/oauth2/authorization/formgate", "Accept", "text/html");
		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void refusesAFormWithoutSessionOrTokenAndForwardsNothing() {
		int before = GatewayTestInfrastructure.RECEIVED.size();
		for (String path : List.of("/console/contact-requests/abc/state", "/console/newsletter/subscriptions",
				"/console/logout", "/console/language")) {
			var answer = client.postForm(path, "state=CLOSED&email=someone%40example.org", "Accept", "text/html");
			assertThat(answer.statusCode()).as(path).isEqualTo(403);
			assertThat(answer.body()).as(path).contains("Es wurde nichts geändert").doesNotContain("someone");
		}
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@Test
	void publicPagesSetNoCookie() {
		for (String path : List.of("/", "/en", "/api/altcha/challenge?form=newsletter")) {
			assertThat(client.get(path).headers().firstValue("Set-Cookie")).as(path).isEmpty();
		}
	}

	@Test
	void theSignedOutPageOpensNoSession() {
		long before = mongo.count(new Query(), MongoSessions.COLLECTION).block();
		for (String language : List.of("de", "en")) {
			var answer = client.get("/console/signed-out", "Accept", "text/html", "Cookie", "formgate-console-lang=" + language);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue("Set-Cookie")).as(language).isEmpty();
		}
		assertThat(mongo.count(new Query(), MongoSessions.COLLECTION).block()).isEqualTo(before);
	}

	@Test
	void recordsAnAdminWriteWithItsActorRequestAndStateButNoAddress() {
		String id = UUID.randomUUID().toString();
		var moved = client.send("PUT", "/api/admin/contact-requests/" + id + "/state", "application/json",
				"{\"state\":\"CLOSED\",\"email\":\"someone@example.org\",\"note\":\"free text\"}", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));
		assertThat(moved.statusCode()).isEqualTo(200);

		List<Document> trail = mongo.find(Query.query(Criteria.where("target").is(id)), Document.class, "audit_trail")
			.collectList().block();
		assertThat(trail).extracting(d -> d.getString("kind")).containsExactlyInAnyOrder("attempt", "outcome");
		assertThat(trail).allSatisfy(d -> {
			assertThat(d.getString("action")).isEqualTo("PUT contact-requests/{id}/state");
			assertThat(d.get("fields", Document.class)).containsEntry("state", "CLOSED").doesNotContainKey("email")
				.doesNotContainKey("note");
			assertThat(d.toJson()).doesNotContain("someone").doesNotContain("free text");
		});
		assertThat(trail.stream().filter(d -> "outcome".equals(d.getString("kind"))).findFirst().orElseThrow()
			.getInteger("status")).isEqualTo(200);
	}

	@Test
	void recordsAModerationAndAnEvidenceDisclosureWithoutTheirReasons() {
		String id = UUID.randomUUID().toString();
		client.send("PUT", "/api/admin/comments/" + id + "/state", "application/json",
				"{\"state\":\"REMOVED\",\"reason\":\"Beleidigung\"}", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.COMMENT_MODERATOR));
		client.send("POST", "/api/admin/comments/" + id + "/evidence", "application/json",
				"{\"reason\":\"Anfrage der Staatsanwaltschaft\"}", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));

		List<Document> trail = mongo.find(Query.query(Criteria.where("target").is(id)), Document.class, "audit_trail")
			.collectList().block();
		assertThat(trail).extracting(d -> d.getString("action")).contains("PUT comments/{id}/state",
				"POST comments/{id}/evidence");
		assertThat(trail).allSatisfy(d -> assertThat(d.toJson()).doesNotContain("Beleidigung")
			.doesNotContain("Staatsanwaltschaft"));
	}

	@Test
	void readsAreNotRecorded() {
		String id = UUID.randomUUID().toString();
		client.get("/api/admin/contact-requests/" + id, "Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));
		assertThat(mongo.count(Query.query(Criteria.where("target").is(id)), "audit_trail").block()).isZero();
	}
}
