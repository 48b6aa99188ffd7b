package dev.formgate.gateway.client;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves the client address once, here, and hands the services exactly that: {@code X-Forwarded-For} leaves the
 * gateway with one entry, so nothing a client wrote into the header reaches a service as its address, and the
 * services trust one hop (the gateway). {@code Forwarded} from outside is dropped.
 */
@Component
class ClientAddressFilter implements GlobalFilter, Ordered {

	private final int trustedProxies;

	ClientAddressFilter(ClientAddressProperties properties) {
		this.trustedProxies = Math.max(0, properties.trustedProxies());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String client = resolve(exchange.getRequest());
		ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
			headers.remove("Forwarded");
			headers.remove("X-Real-IP");
			headers.set("X-Forwarded-For", client);
		}).build();
		return chain.filter(exchange.mutate().request(request).build());
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
		return hops.get(Math.max(0, hops.size() - 1 - trustedProxies));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}
}
