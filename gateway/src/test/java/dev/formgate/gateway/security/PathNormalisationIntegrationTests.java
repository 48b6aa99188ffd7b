package dev.formgate.gateway.security;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every spelling of a path the router or a service would decode or normalise is refused before any check reads it:
 * the probe's percent-encoded sign-ups and contact requests, and every other normalisation difference. Answers that the
 * HTTP decoder or the firewall give carry a problem and the security headers like every other answer.
 */
@GatewayTest
class PathNormalisationIntegrationTests {

	static final String JSON = "{\"email\":\"bypass@example.org\",\"consent\":true,\"name\":\"x\",\"message\":\"x\"}";

	final Client client;
	final int port;

	PathNormalisationIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
		this.port = port;
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/newsletter/%73ubscriptions", "/api/%6eewsletter/subscriptions", "/api/contac%74",
			"/%61pi/contact", "/api/newsletter%2Fsubscriptions", "/api/contact%00", "/api/contact;x=1",
			"/api/newsletter/subscriptions;jsessionid=1", "//api/contact", "/api//newsletter/subscriptions",
			"/api/contact/", "/api/newsletter/subscriptions/", "/api/./contact", "/api/newsletter/x/../subscriptions",
			"/api/%2e%2e/api/contact", "/newsletter/%75nsubscribe", "/api/admin/x/..%2F..%2Fcontact" })
	void refusesEveryOtherSpellingOfAPathWithoutReachingAService(String path) {
		int before = GatewayTestInfrastructure.RECEIVED.size();

		var answer = client.postJson(path, JSON, "X-Forwarded-For", Client.freshAddress());

		assertThat(answer.statusCode()).as(path).isEqualTo(400);
		assertThat(answer.body()).contains("https://formgate.dev/problems/path-not-canonical").doesNotContain(path);
		assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(GatewayTestInfrastructure.RECEIVED).as(path).hasSize(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/newsletter/Subscriptions", "/api/newsletter/SUBSCRIPTIONS", "/API/contact",
			"/api/Contact", "/Api/newsletter/subscriptions" })
	void neverAcceptsAnotherCaseOfAGuardedPathWithoutProofOfWork(String path) {
		int before = GatewayTestInfrastructure.RECEIVED.size();

		var answer = client.postJson(path, JSON, "X-Forwarded-For", Client.freshAddress());

		assertThat(answer.statusCode()).as(path).isIn(400, 404);
		assertThat(GatewayTestInfrastructure.RECEIVED).as(path).hasSize(before);
	}

	@Test
	void refusesAnEncodedPathToAPageWithAPageForBrowsers() {
		var page = client.get("/%65n", "Accept", "text/html", "Accept-Language", "en");

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
		assertThat(page.body()).contains("This address is malformed");
	}

	@Test
	void givesAProblemAndTheSecurityHeadersForARequestLineOverTheLimit() {
		String answer = raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 414");
		assertProblemWithHeaders(answer, "uri-too-long");
	}

	@Test
	void givesAProblemAndTheSecurityHeadersForHeadersOverTheLimit() {
		String answer = raw("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 431");
		assertProblemWithHeaders(answer, "headers-too-large");
	}

	@Test
	void givesAProblemAndTheSecurityHeadersForARequestLineThatDoesNotParse() {
		String answer = raw("GET /a\\b HTTP/1.1\r\nHost: localhost\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400");
		assertProblemWithHeaders(answer, "bad-request");
	}

	@Test
	void givesAProblemAndTheSecurityHeadersWhenTheFirewallRefusesAMethod() {
		var answer = client.send("FROB", "/api/contact", "application/json", JSON, "X-Forwarded-For",
				Client.freshAddress());

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("https://formgate.dev/problems/bad-request");
		assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
	}

	static void assertProblemWithHeaders(String answer, String type) {
		String lower = answer.toLowerCase();
		assertThat(lower).contains("content-type: application/problem+json").contains("content-security-policy: ")
			.contains("x-content-type-options: nosniff").contains("x-frame-options: deny")
			.contains("strict-transport-security: max-age=").contains("cache-control: no-cache, no-store");
		assertThat(answer).contains("\"type\":\"https://formgate.dev/problems/" + type + "\"");
	}

	/** Sends bytes no HTTP client library would send and reads the answer until the gateway closes. */
	String raw(String request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			byte[] buffer = new byte[65536];
			StringBuilder answer = new StringBuilder();
			int n;
			try {
				while ((n = socket.getInputStream().read(buffer)) > 0) {
					answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
					if (answer.indexOf("\r\n\r\n") > 0 && answer.indexOf("}") > answer.indexOf("\r\n\r\n")) {
						break;
					}
				}
			}
			catch (java.net.SocketTimeoutException | java.net.SocketException stopped) {
				// whatever arrived is the answer
			}
			return answer.toString();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
