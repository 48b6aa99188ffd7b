package dev.formgate.gateway.errors;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error the gateway produces is a problem (or a page for browsers) without internals. */
@GatewayTest
class GatewayErrorsIntegrationTests {

	final Client client;

	GatewayErrorsIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	static void assertNoInternals(HttpResponse<String> answer) {
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("dev.formgate").doesNotContain("trace")
			.doesNotContain("127.0.0.1").doesNotContain("reactor").doesNotContain("localhost");
	}

	@Test
	void answersAnUnknownPathWithAProblemAndBrowsersWithAPage() {
		var json = client.get("/nothing/here");
		var page = client.get("/nothing/here", "Accept", "text/html", "Accept-Language", "en");

		assertThat(json.statusCode()).isEqualTo(404);
		assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.body()).contains("\"type\":\"https://formgate.dev/problems/not-found\"").contains("\"status\":404");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<html lang=\"en\"").contains("This page does not exist.");
		assertNoInternals(json);
		assertNoInternals(page);
	}

	@Test
	void refusesAnOversizedBodyByLengthAndWhileStreaming() {
		String big = "email=" + "a".repeat(65 * 1024);
		var declared = client.postForm("/api/newsletter/subscriptions", big, "X-Forwarded-For", Client.freshAddress());

		var streamed = client.sendChunked("/api/newsletter/subscriptions", "application/x-www-form-urlencoded", big,
				"X-Forwarded-For", Client.freshAddress());

		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(declared.body()).contains("request-too-large");
		assertThat(streamed.statusCode()).isEqualTo(413);
		assertThat(streamed.body()).contains("request-too-large");
		assertNoInternals(declared);
	}

	@Test
	void refusesContentTypesOutsideTheAllowList() {
		for (String type : new String[] { "text/plain", "multipart/form-data; boundary=x", "application/xml" }) {
			var answer = client.send("POST", "/api/newsletter/subscriptions", type, "x", "X-Forwarded-For",
					Client.freshAddress());
			assertThat(answer.statusCode()).as(type).isEqualTo(415);
			assertThat(answer.body()).contains("unsupported-media-type");
		}
		assertThat(client.send("POST", "/newsletter/confirm", null, null, "X-Forwarded-For", Client.freshAddress())
			.statusCode()).as("no content type").isEqualTo(415);
	}

	@Test
	void answersQuickly503WithRetryAfterWhenAServiceIsDown() {
		int before = GatewayTestInfrastructure.RECEIVED.size();
		Instant start = Instant.now();

		var answer = client.get("/api/admin/privacy-requests", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));

		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(answer.body()).contains("https://formgate.dev/problems/service-unavailable");
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
		assertNoInternals(answer);
	}
}
