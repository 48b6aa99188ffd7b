package dev.formgate.gateway.observability;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import dev.formgate.gateway.support.GatewayTestInfrastructure.Received;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's actuator on its public port: probes for everyone, metrics only with an admin token, nothing personal
 * in them; and the trace context goes on to the service.
 */
@GatewayTest
class GatewayObservabilityIntegrationTests {

	static final String TOKEN = "tok3n-that-must-not-leak";

	final Client client;

	GatewayObservabilityIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@Test
	void forwardsATraceparentToTheService() {
		client.get("/newsletter/confirm?token=" + TOKEN);

		Received received = GatewayTestInfrastructure.RECEIVED.stream()
			.filter(r -> r.path().equals("/newsletter/confirm"))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(received.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
	}

	@Test
	void continuesTheTraceOfTheCaller() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		client.get("/newsletter/unsubscribe?token=" + TOKEN, "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

		Received received = GatewayTestInfrastructure.RECEIVED.stream()
			.filter(r -> r.path().equals("/newsletter/unsubscribe"))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(received.traceparent()).contains(traceId);
	}

	@Test
	void showsOnlyTheStatusToTheAnonymousAndNoMetrics() {
		assertThat(client.get("/actuator/health").body()).contains("\"status\":\"UP\"").doesNotContain("components");
		assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(client.get("/actuator/prometheus").statusCode()).isEqualTo(401);
		assertThat(client.get("/actuator/prometheus", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT)).statusCode()).isEqualTo(403);
	}

	@Test
	void servesMetricsWithoutTokensOrAddressesToAnAdmin() {
		client.get("/newsletter/confirm?token=" + TOKEN);
		client.postForm("/api/newsletter/subscriptions", "email=someone%40example.org&list=news");

		var scrape = client.get("/actuator/prometheus", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("http_server_requests_seconds_count")
			// each routed call measured once, by its observation (no second timer of the gateway's own)
			.contains("spring_cloud_gateway_route_id=\"newsletter-api\"")
			.doesNotContain("spring_cloud_gateway_requests")
			.doesNotContain("_active_seconds")
			.doesNotContain(TOKEN)
			.doesNotContain("@")
			.doesNotContain("example.org");
	}

	@Test
	void showsHealthDetailsToAnAdmin() {
		var health = client.get("/actuator/health", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));

		assertThat(health.body()).contains("\"mongo\"");
	}
}
