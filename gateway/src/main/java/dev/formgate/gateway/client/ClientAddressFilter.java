package dev.formgate.gateway.client;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves the client address once, first, for every request: from the configured number of trusted proxies, never
 * the left-most {@code X-Forwarded-For} entry. Everything after this reads it with {@link ClientAddress#of}; the
 * services get it from {@link ForwardedFor}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientAddressFilter implements WebFilter {

	private final int trustedProxies;

	ClientAddressFilter(ClientAddressProperties properties) {
		this.trustedProxies = Math.max(0, properties.trustedProxies());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getAttributes().put(ClientAddress.ATTRIBUTE, resolve(exchange.getRequest()));
		return chain.filter(exchange);
	}

	String resolve(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = remote == null || remote.getAddress() == null ? "0.0.0.0" : remote.getAddress().getHostAddress();
		if (trustedProxies == 0) {
			return peer;
		}
		List<String> hops = new ArrayList<>();
		request.getHeaders().getOrEmpty("X-Forwarded-For").forEach(value -> Arrays.stream(value.split(","))
			.map(String::strip).filter(s -> !s.isEmpty()).forEach(hops::add));
		hops.add(peer);
		// [client-supplied…, added by proxy n, …, added by proxy 1, peer]: step back over the trusted proxies.
		String candidate = hops.get(Math.max(0, hops.size() - 1 - trustedProxies));
		return IpPrefixes.isLiteral(candidate) ? candidate : peer;
	}
}
