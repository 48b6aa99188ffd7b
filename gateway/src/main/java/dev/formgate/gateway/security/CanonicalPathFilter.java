package dev.formgate.gateway.security;

import dev.formgate.gateway.client.ClientAddress;
import dev.formgate.gateway.errors.Catalogue;
import dev.formgate.gateway.errors.Problems;
import dev.formgate.web.CanonicalPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Only canonical paths pass ({@link CanonicalPaths}, the rule the services repeat): every check after this one (CORS,
 * admin authentication, rate limits, body limits, content types, proof of work) then reads the same path as the
 * router and the services behind it, because nothing is left to decode or normalise. Refused with {@code 400}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class CanonicalPathFilter implements WebFilter {

	private static final Logger security = LoggerFactory.getLogger("formgate.security");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (CanonicalPaths.isCanonical(exchange.getRequest().getURI().getRawPath())) {
			return chain.filter(exchange);
		}
		security.info("path-not-canonical ip={} method={}", ClientAddress.of(exchange), exchange.getRequest().getMethod());
		return Problems.write(exchange, Catalogue.PATH_NOT_CANONICAL);
	}
}
