package dev.formgate.newsletter.admin;

import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The service checks admin tokens itself: behind the gateway it trusts no network. */
@NewsletterServiceTest
class AdminApiSecurityIntegrationTests {

	static final String CALL = "/api/admin/newsletter/unsubscriptions";
	static final String BODY = "{\"email\":\"nobody@example.org\"}";

	final Http http;

	AdminApiSecurityIntegrationTests(@LocalServerPort int port) {
		this.http = new Http("http://127.0.0.1:" + port);
	}

	static Stream<Arguments> forgeries() {
		return AdminTokenFixture.forgeries(AdminRoles.NEWSLETTER_EDITOR).entrySet().stream()
			.map(forgery -> Arguments.of(forgery.getKey(), forgery.getValue()));
	}

	@Test
	void refusesACallWithoutToken() {
		var answer = http.postJson(CALL, BODY);

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgeries")
	void refusesAForgedOrStaleToken(String forgery, String authorization) {
		assertThat(http.postJson(CALL, BODY, "Authorization", authorization).statusCode()).isEqualTo(401);
	}

	@Test
	void refusesAValidTokenWithoutTheEditorRole() {
		var answer = http.postJson(CALL, BODY, "Authorization",
				AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT, AdminRoles.PRIVACY_ADMIN));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void acceptsAValidEditorToken() {
		var answer = http.postJson(CALL, BODY, "Authorization", AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("{\"unsubscribed\":0}");
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
	}
}
