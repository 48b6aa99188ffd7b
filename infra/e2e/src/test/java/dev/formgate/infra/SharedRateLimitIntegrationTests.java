package dev.formgate.infra;

import dev.formgate.security.ProofOfWorkSolver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances on the local stack, as two replicas behind a load balancer: sign-ups from one address,
 * alternating between them, meet one per-address limit (60 an hour on the shared stack), not one per instance.
 */
class SharedRateLimitIntegrationTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void twoGatewaysShareOnePerAddressLimit() throws Exception {
		LocalStack stack = SharedStack.get();
		String second = stack.startSecondGateway(freePort());
		String[] gateways = { stack.gatewayUrl(), second };
		String address = "198.18.213.7"; // a /24 no other test writes from
		int limit = Integer.parseInt(SharedStack.ENVIRONMENT.get("FORMGATE_GATEWAY_ABUSE_PERADDRESS_REQUESTS"));
		Map<Integer, Integer> statuses = new TreeMap<>();
		Map<Integer, Integer> acceptedBy = new TreeMap<>();

		for (int i = 0; i < limit + 20; i++) {
			int status = signUp(gateways[i % 2], address).statusCode();
			statuses.merge(status, 1, Integer::sum);
			if (status == 202) {
				acceptedBy.merge(i % 2, 1, Integer::sum);
			}
		}

		assertThat(statuses).isEqualTo(Map.of(202, limit, 429, 20));
		assertThat(acceptedBy).as("both instances took part").containsOnlyKeys(0, 1);
	}

	static HttpResponse<String> signUp(String gateway, String address) throws Exception {
		String email = "shared-limit-" + UUID.randomUUID() + "@example.org";
		var challenge = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/altcha/challenge?form=newsletter"))
			.build(), HttpResponse.BodyHandlers.ofString());
		return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/newsletter/subscriptions"))
			.header("Content-Type", "application/json").header("X-Forwarded-For", address)
			.header("Altcha", ProofOfWorkSolver.solve(challenge.body()))
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"consent\":true}")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
