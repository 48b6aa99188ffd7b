package dev.formgate.gateway.abuse;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import dev.formgate.security.ProofOfWorkSolver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up and contact posts need a fresh proof of work, on the JSON API and the HTML form alike, and only once. */
@GatewayTest
class ProofOfWorkIntegrationTests {

	static final String SIGN_UP = "/api/newsletter/subscriptions";
	static final String JSON = "{\"email\":\"pow@example.org\",\"consent\":true}";

	final Client client;

	ProofOfWorkIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	String freshSolution() {
		return freshSolution("newsletter");
	}

	String freshSolution(String form) {
		var challenge = client.get("/api/altcha/challenge?form=" + form);
		assertThat(challenge.statusCode()).isEqualTo(200);
		assertThat(challenge.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		return ProofOfWorkSolver.solve(challenge.body());
	}

	static String form(String altcha) {
		return "email=pow%40example.org&consent=true" + (altcha == null ? ""
				: "&altcha=" + URLEncoder.encode(altcha, StandardCharsets.UTF_8));
	}

	@Test
	void acceptsASolutionInTheHeaderInTheJsonBodyOrInTheForm() {
		assertThat(client.postJson(SIGN_UP, JSON, "Altcha", freshSolution(), "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(202);
		String inBody = "{\"email\":\"pow@example.org\",\"consent\":true,\"altcha\":\"" + freshSolution() + "\"}";
		assertThat(client.postJson(SIGN_UP, inBody, "X-Forwarded-For", Client.freshAddress()).statusCode())
			.isEqualTo(202);
		assertThat(client.postForm(SIGN_UP, form(freshSolution()), "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(202);
	}

	@Test
	void refusesAMissingSolutionOnJsonAndFormWithoutReachingTheService() {
		int before = GatewayTestInfrastructure.RECEIVED.size();

		var json = client.postJson(SIGN_UP, JSON, "X-Forwarded-For", Client.freshAddress());
		var page = client.postForm(SIGN_UP, form(null), "X-Forwarded-For", Client.freshAddress(), "Accept",
				"text/html");

		assertThat(json.statusCode()).isEqualTo(400);
		assertThat(json.body()).contains("https://formgate.dev/problems/proof-of-work");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@Test
	void refusesAReplayedSolutionOnJsonAndOnTheForm() {
		String solution = freshSolution();
		assertThat(client.postJson(SIGN_UP, JSON, "Altcha", solution, "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(202);

		assertThat(client.postJson(SIGN_UP, JSON, "Altcha", solution, "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(400);
		assertThat(client.postForm(SIGN_UP, form(solution), "X-Forwarded-For", Client.freshAddress()).statusCode())
			.isEqualTo(400);
	}

	@Test
	void refusesAnExpiredSolutionOnJsonAndOnTheForm() {
		String expired = ProofOfWorkSolver.signedAndSolved(GatewayTestInfrastructure.ALTCHA_KEY,
				Instant.now().minusSeconds(5).getEpochSecond(), "newsletter");

		assertThat(client.postJson(SIGN_UP, JSON, "Altcha", expired, "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(400);
		assertThat(client.postForm(SIGN_UP, form(expired), "X-Forwarded-For", Client.freshAddress()).statusCode())
			.isEqualTo(400);
	}

	@Test
	void refusesAChallengeSignedWithAnotherKeyAndGarbage() {
		String forged = ProofOfWorkSolver.signedAndSolved("an-attackers-own-key-of-32-characters!!",
				Instant.now().plusSeconds(300).getEpochSecond(), "newsletter");

		assertThat(client.postJson(SIGN_UP, JSON, "Altcha", forged, "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(400);
		assertThat(client.postJson(SIGN_UP, JSON, "Altcha", "bm90IGpzb24=", "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(400);
		assertThat(client.postJson(SIGN_UP, JSON, "Altcha", "%%%", "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(400);
	}

	@Test
	void refusesASolutionOnAnotherFormThanItWasIssuedFor() {
		int before = GatewayTestInfrastructure.RECEIVED.size();

		var signUp = client.postJson(SIGN_UP, JSON, "Altcha", freshSolution("contact"), "X-Forwarded-For",
				Client.freshAddress());
		var contact = client.postJson("/api/contact", "{}", "Altcha", freshSolution("newsletter"), "X-Forwarded-For",
				Client.freshAddress());
		var unbound = client.postJson(SIGN_UP, JSON, "Altcha", ProofOfWorkSolver.signedAndSolved(
				GatewayTestInfrastructure.ALTCHA_KEY, Instant.now().plusSeconds(300).getEpochSecond()),
				"X-Forwarded-For", Client.freshAddress());

		assertThat(signUp.statusCode()).isEqualTo(400);
		assertThat(signUp.body()).contains("https://formgate.dev/problems/proof-of-work");
		assertThat(contact.statusCode()).isEqualTo(400);
		assertThat(unbound.statusCode()).isEqualTo(400);
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
		assertThat(client.postJson("/api/contact", "{}", "Altcha", freshSolution("contact"), "X-Forwarded-For",
				Client.freshAddress()).statusCode()).isEqualTo(202);
	}

	/**
	 * The "Meine Daten" form mails a link, so it is guarded as the sign-up is, by a challenge of its own; its path is
	 * matched whatever its case, and a spelling that is not canonical never reaches the route.
	 */
	@Test
	void guardsTheMeineDatenFormWithAChallengeOfItsOwn() {
		int before = GatewayTestInfrastructure.RECEIVED.size();
		String body = "email=r%40example.org&type=ACCESS";

		var missing = client.postForm("/api/privacy/self-service", body, "X-Forwarded-For", Client.freshAddress());
		var signUpsSolution = client.postForm("/api/privacy/self-service",
				body + "&altcha=" + URLEncoder.encode(freshSolution("newsletter"), StandardCharsets.UTF_8),
				"X-Forwarded-For", Client.freshAddress());
		var otherCase = client.postForm("/api/privacy/Self-Service", body, "X-Forwarded-For", Client.freshAddress());
		var encoded = client.postForm("/api/privacy/%73elf-service", body, "X-Forwarded-For", Client.freshAddress());

		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("https://formgate.dev/problems/proof-of-work");
		assertThat(signUpsSolution.statusCode()).isEqualTo(400);
		assertThat(otherCase.statusCode()).isEqualTo(400);
		assertThat(encoded.statusCode()).isEqualTo(400);
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
		// Past the guard, the route: the erasure-service is down in these tests (GatewayTest), so 503 says it got there.
		assertThat(client.postForm("/api/privacy/self-service",
				body + "&altcha=" + URLEncoder.encode(freshSolution("privacy"), StandardCharsets.UTF_8),
				"X-Forwarded-For", Client.freshAddress()).statusCode()).isEqualTo(503);
	}

	@Test
	void issuesChallengesOnlyForAKnownForm() {
		for (String query : new String[] { "", "?form=", "?form=comments", "?form=NEWSLETTER" }) {
			var answer = client.get("/api/altcha/challenge" + query);

			assertThat(answer.statusCode()).as(query).isEqualTo(400);
			assertThat(answer.body()).contains("https://formgate.dev/problems/unknown-form").doesNotContain("comments");
		}
	}

	@Test
	void takesNothingFromTheSignUpBudgetForARefusedAttempt() {
		String address = Client.freshAddress();
		for (int i = 0; i < 12; i++) {
			assertThat(client.postJson(SIGN_UP, JSON, "X-Forwarded-For", address).statusCode()).isEqualTo(400);
		}

		assertThat(client.postJson(SIGN_UP, JSON, "Altcha", freshSolution(), "X-Forwarded-For", address)
			.statusCode()).as("the budget of 5 is untouched").isEqualTo(202);
	}

	@Test
	void leavesTokenProtectedWritesWithoutProofOfWork() {
		assertThat(client.postForm("/newsletter/unsubscribe?token=x", "List-Unsubscribe=One-Click",
				"X-Forwarded-For", Client.freshAddress()).statusCode()).isEqualTo(200);
		assertThat(client.postForm("/newsletter/confirm", "token=x", "X-Forwarded-For", Client.freshAddress())
			.statusCode()).isEqualTo(202);
		assertThat(client.postForm("/privacy/request", "token=x&type=ACCESS", "X-Forwarded-For",
				Client.freshAddress()).statusCode()).as("the self-service link's button, routed to the erasure-service "
						+ "(down here)").isEqualTo(503);
	}
}
