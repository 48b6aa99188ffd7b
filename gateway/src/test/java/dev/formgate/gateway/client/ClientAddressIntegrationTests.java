package dev.formgate.gateway.client;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The service behind the gateway gets exactly one address: the one the trusted proxy reported. */
@GatewayTest
class ClientAddressIntegrationTests {

	final Client client;

	ClientAddressIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@Test
	void handsOnTheAddressTheTrustedProxyAddedNotTheLeftMost() {
		client.postForm("/newsletter/confirm", "token=t", "X-Forwarded-For", "6.6.6.6, 203.0.113.5", "Forwarded",
				"for=6.6.6.6");

		assertThat(GatewayTestInfrastructure.RECEIVED).last()
			.satisfies(received -> assertThat(received.forwardedFor()).isEqualTo("203.0.113.5"));
	}
}
