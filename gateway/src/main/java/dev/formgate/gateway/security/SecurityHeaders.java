package dev.formgate.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers of every answer, written here once: whatever answers (a route, a service behind it, an error,
 * the firewall, the path check) the headers are added just before the answer is committed, each unless the answer
 * brings its own. {@link DecoderFailures} adds the same to the few answers Netty gives before WebFlux sees a request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class SecurityHeaders implements WebFilter {

	/** Answers that bring no caching headers of their own are kept out of every cache. */
	static final Map<String, String> NO_STORE = Map.of(HttpHeaders.CACHE_CONTROL,
			"no-cache, no-store, max-age=0, must-revalidate", HttpHeaders.PRAGMA, "no-cache", HttpHeaders.EXPIRES, "0");

	private final Map<String, String> fixed;

	SecurityHeaders(SecurityProperties properties) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Security-Policy", properties.contentSecurityPolicy());
		headers.put("X-Content-Type-Options", "nosniff");
		headers.put("X-Frame-Options", "DENY");
		headers.put("X-XSS-Protection", "0");
		headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
		if (!properties.hstsMaxAge().isZero()) {
			// TLS ends in front of the gateway, so the request cannot tell; sent on every answer.
			headers.put("Strict-Transport-Security",
					"max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains");
		}
		this.fixed = Collections.unmodifiableMap(headers);
	}

	/** The headers every answer carries unless it brings its own (caching headers aside). */
	Map<String, String> fixed() {
		return fixed;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			write(response);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	void write(ServerHttpResponse response) {
		HttpHeaders headers = response.getHeaders();
		fixed.forEach((name, value) -> {
			if (!headers.containsHeader(name)) {
				headers.set(name, value);
			}
		});
		boolean bringsCaching = NO_STORE.keySet().stream().anyMatch(headers::containsHeader);
		if (!bringsCaching && response.getStatusCode() != HttpStatus.NOT_MODIFIED) {
			NO_STORE.forEach(headers::set);
		}
	}
}
