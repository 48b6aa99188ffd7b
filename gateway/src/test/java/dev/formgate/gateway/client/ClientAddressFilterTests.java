package dev.formgate.gateway.client;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressFilterTests {

	static MockServerHttpRequest.BaseBuilder<?> fromPeer(String peer) {
		return MockServerHttpRequest.post("/api/newsletter/subscriptions")
			.remoteAddress(new InetSocketAddress(peer, 40000));
	}

	static ServerWebExchange forwarded(int trustedProxies, MockServerHttpRequest request) {
		var filter = new ClientAddressFilter(new ClientAddressProperties(trustedProxies));
		AtomicReference<ServerWebExchange> passedOn = new AtomicReference<>();
		filter.filter(MockServerWebExchange.from(request), exchange -> {
			passedOn.set(exchange);
			return Mono.empty();
		}).block();
		return passedOn.get();
	}

	@Test
	void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersClaim() {
		var exchange = forwarded(0, fromPeer("198.51.100.9").header("X-Forwarded-For", "6.6.6.6")
			.header("Forwarded", "for=6.6.6.6").header("X-Real-IP", "6.6.6.6").build());

		assertThat(exchange.getRequest().getHeaders().get("X-Forwarded-For")).containsExactly("198.51.100.9");
		assertThat(exchange.getRequest().getHeaders().containsHeader("Forwarded")).isFalse();
		assertThat(exchange.getRequest().getHeaders().containsHeader("X-Real-IP")).isFalse();
	}

	@Test
	void withOneTrustedProxyTheEntryItAddedIsTheClientNotTheLeftMost() {
		var exchange = forwarded(1,
				fromPeer("10.0.0.2").header("X-Forwarded-For", "6.6.6.6, 203.0.113.50").build());

		assertThat(exchange.getRequest().getHeaders().get("X-Forwarded-For")).containsExactly("203.0.113.50");
	}

	@Test
	void withTwoTrustedProxiesStepsBackTwoHopsAcrossRepeatedHeaders() {
		var exchange = forwarded(2, fromPeer("10.0.0.2").header("X-Forwarded-For", "6.6.6.6, 203.0.113.50")
			.header("X-Forwarded-For", "10.0.0.1").build());

		assertThat(exchange.getRequest().getHeaders().get("X-Forwarded-For")).containsExactly("203.0.113.50");
	}

	@Test
	void moreTrustedProxiesThanHopsFallsBackToTheFurthestKnownHop() {
		var exchange = forwarded(3, fromPeer("10.0.0.2").header("X-Forwarded-For", "203.0.113.50").build());

		assertThat(exchange.getRequest().getHeaders().get("X-Forwarded-For")).containsExactly("203.0.113.50");
	}
}
