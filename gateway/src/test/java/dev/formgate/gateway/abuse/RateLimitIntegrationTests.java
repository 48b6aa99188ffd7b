package dev.formgate.gateway.abuse;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Public writes are limited per client address (5 here) and per network block (20 here), with Retry-After. */
@GatewayTest
class RateLimitIntegrationTests {

	final Client client;

	RateLimitIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	HttpResponse<String> write(String address) {
		return client.postForm("/newsletter/confirm", "token=t", "X-Forwarded-For", address);
	}

	@Test
	void answers429WithRetryAfterOnceAnAddressUsedItsRequests() {
		String address = "192.0.2.10";
		for (int i = 0; i < 5; i++) {
			assertThat(write(address).statusCode()).isEqualTo(202);
		}

		var limited = write(address);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
				seconds -> assertThat(seconds).isBetween(1L, 3600L));
		assertThat(limited.body()).contains("https://formgate.dev/problems/too-many-requests");
		assertThat(write("192.0.2.10").statusCode()).isEqualTo(429);
	}

	@Test
	void limitsANetworkBlockEvenWhenEachAddressStaysUnderItsOwnLimit() {
		int accepted = 0;
		int limited = 0;
		for (int host = 1; host <= 10; host++) {
			for (int i = 0; i < 3; i++) {
				int status = write("198.51.100." + host).statusCode();
				accepted += status == 202 ? 1 : 0;
				limited += status == 429 ? 1 : 0;
			}
		}

		assertThat(accepted).isEqualTo(20);
		assertThat(limited).isEqualTo(10);
		assertThat(write("198.51.101.1").statusCode()).as("the next /24 has its own bucket").isEqualTo(202);
	}

	@Test
	void countsIpv6ClientsByTheirSlash48() {
		int limited = 0;
		for (int i = 0; i < 25; i++) {
			limited += write("2001:db8:aa:" + Integer.toHexString(i) + "::1").statusCode() == 429 ? 1 : 0;
		}
		assertThat(limited).isEqualTo(5);
	}

	@Test
	void leavesReadsAlone() {
		for (int i = 0; i < 10; i++) {
			assertThat(client.get("/", "X-Forwarded-For", "192.0.2.99").statusCode()).isEqualTo(200);
		}
	}
}
