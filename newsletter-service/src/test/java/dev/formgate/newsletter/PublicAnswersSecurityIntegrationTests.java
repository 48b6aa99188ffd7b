package dev.formgate.newsletter;

import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.testing.AdminApiSecurityContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public paths do not pass through Spring Security (only the admin API and actuator do), yet every public answer
 * carries the security headers the chain used to write, once, and no session cookie: pages, problems, the path check's
 * refusal, the 404 of an unknown path and Tomcat's own refusal of an encoded slash.
 */
@NewsletterServiceTest
class PublicAnswersSecurityIntegrationTests {

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0} {1} → {2}")
	@CsvSource(delimiter = '|', value = { "GET | /newsletter/confirm?token=not-a-token | 200",
			"GET | /newsletter/unsubscribe?token=not-a-token | 200", "POST | /newsletter/confirm | 400",
			"POST | /api/newsletter/subscriptions | 400", "GET | /api/newsletter/no-such-path | 404",
			"GET | /api/newsletter/%73ubscriptions | 400", "GET | /api/newsletter%2Fsubscriptions | 400",
			"GET | /actuator/health | 200" })
	void everyPublicAnswerCarriesTheSecurityHeaders(String method, String path, int status) {
		var http = new Http("http://127.0.0.1:" + port);
		var answer = method.equals("GET")
				? http.get(path, "Accept", path.startsWith("/actuator/") ? "application/json" : "text/html")
				: path.startsWith("/api/") ? http.postJson(path, "{}") : http.postForm(path, Http.fields("token", "x"));

		assertThat(answer.statusCode()).isEqualTo(status);
		AdminApiSecurityContract.assertSecurityHeaders(answer);
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
	}

	/** An answer that names its own caching (a sign-up's {@code no-store}) has it once, not beside the default. */
	@Test
	void aSignUpsOwnCachingHeaderReplacesTheDefault() {
		var answer = new Http("http://127.0.0.1:" + port).postJson("/api/newsletter/subscriptions",
				"{\"email\":\"headers-" + UUID.randomUUID() + "@example.org\",\"consent\":true}");

		assertThat(answer.statusCode()).isEqualTo(202);
		AdminApiSecurityContract.assertSecurityHeaders(answer);
		assertThat(answer.headers().allValues("Cache-Control")).containsExactly("no-store");
	}
}
