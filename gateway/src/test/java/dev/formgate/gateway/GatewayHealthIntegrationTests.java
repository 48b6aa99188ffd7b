package dev.formgate.gateway;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Health and readiness include the gateway's own store, checked in a way the embedded server answers too. */
@GatewayTest
class GatewayHealthIntegrationTests {

	final Client client;

	GatewayHealthIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@Test
	void isHealthyAndReadyWithItsStore() {
		assertThat(client.get("/actuator/health").body()).contains("\"status\":\"UP\"");
		assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}
}
