package dev.formgate.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	static MockHttpServletRequest fromPeer(String peer, String... forwardedFor) {
		var request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		for (String value : forwardedFor) {
			request.addHeader("X-Forwarded-For", value);
		}
		return request;
	}

	static ClientAddresses trusting(int proxies) {
		return new ClientAddresses(new WebProperties(proxies, DataSize.ofKilobytes(16), Duration.ofSeconds(10),
				DataSize.ofKilobytes(256)));
	}

	@Test
	void takesTheEntryTheTrustedGatewayWroteNotTheLeftMost() {
		assertThat(trusting(1).of(fromPeer("10.0.0.5", "6.6.6.6, 203.0.113.7"))).isEqualTo("203.0.113.7");
	}

	@Test
	void withoutTrustedProxiesThePeerIsTheClient() {
		assertThat(trusting(0).of(fromPeer("198.51.100.1", "6.6.6.6"))).isEqualTo("198.51.100.1");
	}

	@Test
	void withoutAnyForwardingThePeerIsTheClient() {
		assertThat(trusting(1).of(fromPeer("198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void garbageInTheTrustedPositionFallsBackToThePeer() {
		assertThat(trusting(1).of(fromPeer("10.0.0.5", "<script>"))).isEqualTo("10.0.0.5");
	}
}
