package dev.formgate.gateway.audit;

import dev.formgate.gateway.web.RequestBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Records every staff action that passed the admin token check, for console and API users alike (the console calls
 * the same admin API). The attempt is written before the call goes on: if the trail cannot be written, the action is
 * refused (503) and nothing changes. The outcome is written when the service's answer starts.
 */
@Component
@Order(-40)
class AuditFilter implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
	/** The only body fields the trail keeps: codes, never free text or an address. */
	private static final Set<String> FIELDS = Set.of("state", "type", "receivedVia", "months", "list", "language",
			"purpose");
	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,40}");
	private static final int MAX_READ = 16 * 1024;

	private final AuditTrail trail;
	private final ObjectMapper json;
	private final Clock clock;

	AuditFilter(AuditTrail trail, ObjectMapper json, Clock clock) {
		this.trail = trail;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		var action = StaffActions.of(request.getMethod().name(), request.getPath().pathWithinApplication().value());
		if (action == null) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext().map(SecurityContext::getAuthentication)
			.filter(JwtAuthenticationToken.class::isInstance).cast(JwtAuthenticationToken.class)
			.map(Optional::of).defaultIfEmpty(Optional.empty())
			// Without an admin token the check before has refused already: nothing to record.
			.flatMap(token -> token.isEmpty() ? chain.filter(exchange) : audited(exchange, chain, action, token.get()));
	}

	private Mono<Void> audited(ServerWebExchange exchange, WebFilterChain chain, StaffActions.Action action,
			JwtAuthenticationToken token) {
		ServerHttpRequest request = exchange.getRequest();
		return body(request).flatMap(body -> {
			String actor = actor(token);
			Map<String, String> fields = fields(body);
			return trail.attempt(clock.instant(), actor, action.name(), action.target(), fields).flatMap(attempt -> {
				ServerWebExchange replayable = exchange.mutate().request(withBody(request, body)).build();
				replayable.getResponse().beforeCommit(() -> {
					var code = replayable.getResponse().getStatusCode();
					String target = action.target() != null ? action.target()
							: created(replayable.getResponse().getHeaders().getLocation());
					return trail.outcome(attempt, clock.instant(), actor, action.name(), target, fields,
							code == null ? 0 : code.value())
						.onErrorResume(e -> {
							log.warn("Audit outcome not recorded: {} {}", action.name(), e.getClass().getSimpleName());
							return Mono.empty();
						});
				});
				return chain.filter(replayable);
			});
		});
	}

	private static String actor(JwtAuthenticationToken token) {
		String username = token.getToken().getClaimAsString("preferred_username");
		return username != null && !username.isBlank() ? username : token.getName();
	}

	/** The id at the end of a {@code Location} of a created request. */
	private static String created(URI location) {
		if (location == null) {
			return null;
		}
		String path = location.getPath();
		String last = path.substring(path.lastIndexOf('/') + 1);
		return CODE.matcher(last).matches() ? last : null;
	}

	private Mono<byte[]> body(ServerHttpRequest request) {
		MediaType type = request.getHeaders().getContentType();
		long length = request.getHeaders().getContentLength();
		if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON) || length < 0 || length > MAX_READ) {
			return Mono.just(new byte[0]);
		}
		return DataBufferUtils.join(request.getBody(), MAX_READ).map(RequestBodies::bytes).defaultIfEmpty(new byte[0]);
	}

	private Map<String, String> fields(byte[] body) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (body.length == 0) {
			return fields;
		}
		try {
			JsonNode tree = json.readTree(body);
			for (String name : FIELDS) {
				JsonNode value = tree.get(name);
				if (value != null && (value.isString() || value.isIntegralNumber())
						&& CODE.matcher(value.asString()).matches()) {
					fields.put(name, value.asString());
				}
			}
		}
		catch (RuntimeException unreadable) {
			// the service will refuse it; the attempt is recorded without fields
		}
		return fields;
	}

	private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
		return body.length == 0 ? request : RequestBodies.replaying(request, body);
	}
}
