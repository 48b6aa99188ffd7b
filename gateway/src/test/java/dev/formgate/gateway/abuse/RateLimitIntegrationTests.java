package dev.formgate.gateway.abuse;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.security.ProofOfWorkSolver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-ups and other public writes are limited per client address (5 here) and per network block (20 here), with
 * Retry-After. Posts that carry a mail's token (confirm, unsubscribe, RFC 8058 one-click) have a bucket of their own
 * and are never refused because the same network used up its sign-ups.
 */
@GatewayTest
class RateLimitIntegrationTests {

	final Client client;

	RateLimitIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	HttpResponse<String> signUp(String address) {
		String solution = ProofOfWorkSolver.solve(client.get("/api/altcha/challenge?form=newsletter").body());
		return client.postJson("/api/newsletter/subscriptions", "{\"email\":\"r@example.org\",\"consent\":true}",
				"Altcha", solution, "X-Forwarded-For", address);
	}

	HttpResponse<String> oneClickUnsubscribe(String address, int i) {
		return client.postForm("/newsletter/unsubscribe?token=t" + i, "List-Unsubscribe=One-Click", "X-Forwarded-For",
				address);
	}

	@Test
	void answers429WithRetryAfterOnceAnAddressUsedItsRequests() {
		String address = "192.0.2.10";
		for (int i = 0; i < 5; i++) {
			assertThat(signUp(address).statusCode()).isEqualTo(202);
		}

		var limited = signUp(address);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
				seconds -> assertThat(seconds).isBetween(1L, 3600L));
		assertThat(limited.body()).contains("https://formgate.dev/problems/too-many-requests");
		assertThat(signUp("192.0.2.10").statusCode()).isEqualTo(429);
	}

	@Test
	void limitsANetworkBlockEvenWhenEachAddressStaysUnderItsOwnLimit() {
		int accepted = 0;
		int limited = 0;
		for (int host = 1; host <= 10; host++) {
			for (int i = 0; i < 3; i++) {
				int status = signUp("198.51.100." + host).statusCode();
				accepted += status == 202 ? 1 : 0;
				limited += status == 429 ? 1 : 0;
			}
		}

		assertThat(accepted).isEqualTo(20);
		assertThat(limited).isEqualTo(10);
		assertThat(signUp("198.51.101.1").statusCode()).as("the next /24 has its own bucket").isEqualTo(202);
	}

	@Test
	void countsIpv6ClientsByTheirSlash48() {
		int limited = 0;
		for (int i = 0; i < 25; i++) {
			limited += signUp("2001:db8:aa:" + Integer.toHexString(i) + "::1").statusCode() == 429 ? 1 : 0;
		}
		assertThat(limited).isEqualTo(5);
	}

	@Test
	void unsubscribesAThousandRecipientsInABurstFromANetworkThatUsedUpItsSignUps() {
		for (int host = 1; host <= 4; host++) {
			for (int i = 0; i < 5; i++) {
				signUp("203.0.113." + host);
			}
		}
		assertThat(signUp("203.0.113.9").statusCode()).as("the network's sign-ups are used up").isEqualTo(429);
		Map<Integer, Integer> statuses = new TreeMap<>();

		for (int i = 0; i < 1000; i++) {
			// A mail provider's few outgoing addresses in one /24.
			statuses.merge(oneClickUnsubscribe("203.0.113." + (200 + i % 4), i).statusCode(), 1, Integer::sum);
		}

		assertThat(statuses).isEqualTo(Map.of(200, 1000));
		assertThat(client.postForm("/newsletter/confirm", "token=t", "X-Forwarded-For", "203.0.113.9").statusCode())
			.as("confirming is not refused either").isEqualTo(202);
	}

	HttpResponse<String> askForMyData(String address) {
		String solution = ProofOfWorkSolver.solve(client.get("/api/altcha/challenge?form=privacy").body());
		return client.postForm("/api/privacy/self-service", "email=r%40example.org&type=OBJECTION&altcha="
				+ java.net.URLEncoder.encode(solution, java.nio.charset.StandardCharsets.UTF_8), "X-Forwarded-For",
				address);
	}

	/** Exercising a right never waits for sign-ups (an objection among them), nor sign-ups for it. */
	@Test
	void countsTheMeineDatenRequestsInBucketsOfTheirOwn() {
		String address = "192.0.2.88";
		for (int i = 0; i < 5; i++) {
			assertThat(signUp(address).statusCode()).isEqualTo(202);
		}
		assertThat(signUp(address).statusCode()).isEqualTo(429);

		for (int i = 0; i < 5; i++) {
			// admitted to the route; the erasure-service is down in these tests (GatewayTest)
			assertThat(askForMyData(address).statusCode()).isEqualTo(503);
		}
		assertThat(askForMyData(address).statusCode()).as("limited as well, on its own").isEqualTo(429);
	}

	@Test
	void givesTheSignUpBucketOnlyToTheExactTokenPaths() {
		String address = "192.0.2.77";
		for (int i = 0; i < 5; i++) {
			signUp(address);
		}

		assertThat(client.postForm("/newsletter/Unsubscribe?token=t", "List-Unsubscribe=One-Click",
				"X-Forwarded-For", address).statusCode()).isEqualTo(429);
		assertThat(oneClickUnsubscribe(address, 1).statusCode()).isEqualTo(200);
	}

	@Test
	void leavesReadsAlone() {
		for (int i = 0; i < 10; i++) {
			assertThat(client.get("/", "X-Forwarded-For", "192.0.2.99").statusCode()).isEqualTo(200);
		}
	}
}
