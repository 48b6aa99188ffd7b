package dev.formgate.gateway.security;

import dev.formgate.gateway.client.ClientAddress;
import dev.formgate.gateway.errors.Catalogue;
import dev.formgate.gateway.errors.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.regex.Pattern;

/**
 * Only canonical paths pass: every check after this one (CORS, admin authentication, rate limits, body limits, content
 * types, proof of work) then reads the same path as the router and the services behind it, because there is nothing
 * left to decode or normalise. A path with a percent-encoded character ({@code /api/contac%74}), a {@code ;}
 * parameter, an empty, {@code .} or {@code ..} segment, or a trailing slash is refused with {@code 400}; no route of
 * Formgate has such a path. Case is left alone: the router, Spring Security and the services all compare it exactly.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class CanonicalPaths implements WebFilter {

	private static final Logger security = LoggerFactory.getLogger("formgate.security");
	/** Segments of RFC 3986 unreserved characters and sub-delimiters (without {@code ;}), {@code :} and {@code @}. */
	private static final Pattern CANONICAL = Pattern.compile("/|(/[A-Za-z0-9._~!$&'()*+,=:@-]+)+");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (isCanonical(exchange.getRequest().getURI().getRawPath())) {
			return chain.filter(exchange);
		}
		security.info("path-not-canonical ip={} method={}", ClientAddress.of(exchange), exchange.getRequest().getMethod());
		return Problems.write(exchange, Catalogue.PATH_NOT_CANONICAL);
	}

	static boolean isCanonical(String rawPath) {
		if (rawPath == null || rawPath.length() > 2048 || !CANONICAL.matcher(rawPath).matches()) {
			return false;
		}
		for (String segment : rawPath.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}
}
