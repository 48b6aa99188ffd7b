package dev.formgate.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probe's proof-of-work bypass on the real stack: a percent-encoded spelling of the sign-up or contact path is
 * refused by the gateway, with or without a solution, and by the service itself when sent to it directly; no mail
 * goes out. A solution issued for the contact form is refused on a sign-up.
 */
class EncodedPathsIntegrationTests {

	static final LocalStack STACK = SharedStack.get();
	static final HttpClient HTTP = HttpClient.newHttpClient();

	static String signUp(String email) {
		return "{\"email\":\"" + email + "\",\"consent\":true}";
	}

	static String contact(String email) {
		return "{\"topic\":\"buergerservice\",\"name\":\"Probe\",\"email\":\"" + email + "\",\"subject\":\"Probe\","
				+ "\"message\":\"Probe\",\"privacy\":true}";
	}

	static HttpResponse<String> post(String url, String json, String altcha) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
			.header("X-Forwarded-For", "198.18.77." + (1 + (int) (Math.random() * 200)));
		if (altcha != null) {
			request.header("Altcha", altcha);
		}
		return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/newsletter/%73ubscriptions", "/api/%6eewsletter/subscriptions", "/api/contac%74",
			"/%61pi/contact", "/api/newsletter/subscriptions;x=1", "//api/contact", "/api/contact/" })
	void refusesEveryOtherSpellingOfTheFormsAtTheGatewayAndInTheService(String path) throws Exception {
		String email = "encoded-" + UUID.randomUUID() + "@example.org";
		boolean isContact = path.contains("contac") || path.contains("contact");
		String body = isContact ? contact(email) : signUp(email);
		int servicePort = isContact ? SharedStack.ports().contact() : SharedStack.ports().newsletter();

		var withoutSolution = post(STACK.gatewayUrl() + path, body, null);
		var withSolution = post(STACK.gatewayUrl() + path, body,
				ProofOfWork.solved(STACK, isContact ? "contact" : "newsletter"));
		var direct = post("http://127.0.0.1:" + servicePort + path, body, null);

		for (var answer : new HttpResponse<?>[] { withoutSolution, withSolution, direct }) {
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.body().toString()).contains("https://formgate.dev/problems/path-not-canonical");
		}
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> STACK.mailsTo(email).isEmpty());
	}

	@Test
	void refusesAContactSolutionOnASignUp() throws Exception {
		String email = "cross-form-" + UUID.randomUUID() + "@example.org";

		var answer = post(STACK.gatewayUrl() + "/api/newsletter/subscriptions", signUp(email),
				ProofOfWork.solved(STACK, "contact"));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("https://formgate.dev/problems/proof-of-work");
		assertThat(post(STACK.gatewayUrl() + "/api/newsletter/subscriptions", signUp(email),
				ProofOfWork.solved(STACK, "newsletter")).statusCode()).isEqualTo(202);
	}
}
