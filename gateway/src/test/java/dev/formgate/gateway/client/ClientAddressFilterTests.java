package dev.formgate.gateway.client;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
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

	/** The headers a service gets once the address is resolved and the routed request's headers are written. */
	static HttpHeaders forwarded(int trustedProxies, MockServerHttpRequest request) {
		var filter = new ClientAddressFilter(new ClientAddressProperties(trustedProxies));
		AtomicReference<ServerWebExchange> passedOn = new AtomicReference<>();
		filter.filter(MockServerWebExchange.from(request), exchange -> {
			passedOn.set(exchange);
			return Mono.empty();
		}).block();
		return new ForwardedFor().filter(request.getHeaders(), passedOn.get());
	}

	@Test
	void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersClaim() {
		var headers = forwarded(0, fromPeer("198.51.100.9").header("X-Forwarded-For", "6.6.6.6")
			.header("Forwarded", "for=6.6.6.6").header("X-Real-IP", "6.6.6.6").build());

		assertThat(headers.get("X-Forwarded-For")).containsExactly("198.51.100.9");
		assertThat(headers.containsHeader("Forwarded")).isFalse();
		assertThat(headers.containsHeader("X-Real-IP")).isFalse();
	}

	@Test
	void withOneTrustedProxyTheEntryItAddedIsTheClientNotTheLeftMost() {
		var headers = forwarded(1,
				fromPeer("10.0.0.2").header("X-Forwarded-For", "6.6.6.6, 203.0.113.50").build());

		assertThat(headers.get("X-Forwarded-For")).containsExactly("203.0.113.50");
	}

	@Test
	void withTwoTrustedProxiesStepsBackTwoHopsAcrossRepeatedHeaders() {
		var headers = forwarded(2, fromPeer("10.0.0.2").header("X-Forwarded-For", "6.6.6.6, 203.0.113.50")
			.header("X-Forwarded-For", "10.0.0.1").build());

		assertThat(headers.get("X-Forwarded-For")).containsExactly("203.0.113.50");
	}

	@Test
	void moreTrustedProxiesThanHopsFallsBackToTheFurthestKnownHop() {
		var headers = forwarded(3, fromPeer("10.0.0.2").header("X-Forwarded-For", "203.0.113.50").build());

		assertThat(headers.get("X-Forwarded-For")).containsExactly("203.0.113.50");
	}

	@Test
	void anEntryThatIsNotAnAddressLiteralMakesThePeerTheClient() {
		var headers = forwarded(1, fromPeer("10.0.0.2").header("X-Forwarded-For", "attacker.example").build());

		assertThat(headers.get("X-Forwarded-For")).containsExactly("10.0.0.2");
	}
}
