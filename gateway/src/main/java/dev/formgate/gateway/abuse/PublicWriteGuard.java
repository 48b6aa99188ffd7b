package dev.formgate.gateway.abuse;

import dev.formgate.gateway.client.ClientAddress;
import dev.formgate.gateway.errors.Catalogue;
import dev.formgate.gateway.errors.Problems;
import dev.formgate.gateway.web.RequestBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every public write passes here before it is routed. A write to a form with proof of work: content type, body size
 * (read into memory, at most the limit), the proof of work, then the rate limits, so that a refused attempt takes
 * nothing from anyone's budget. Every other write: the rate limits first (cheapest refusal), then content type and
 * size. Posts that carry a mail's token (confirm, unsubscribe, RFC 8058 one-click) count against a bucket of their
 * own, never against the sign-up limits. HTML forms and JSON clients pass the same checks.
 */
@Component
@Order(-50)
class PublicWriteGuard implements WebFilter {

	private static final Logger security = LoggerFactory.getLogger("formgate.security");
	private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
	private static final Set<String> ACCEPTED_TYPES = Set.of("application/json", "application/x-www-form-urlencoded");

	private final RateLimits rateLimits;
	private final ProofOfWork proofOfWork;
	private final ObjectMapper json;
	private final int maxBody;
	private final int maxAdminBody;
	private final List<String> tokenPaths;
	private final String rightsPath;

	PublicWriteGuard(RateLimits rateLimits, ProofOfWork proofOfWork, ObjectMapper json, AbuseProperties properties) {
		this.rateLimits = rateLimits;
		this.proofOfWork = proofOfWork;
		this.json = json;
		this.maxBody = (int) properties.maxBody().toBytes();
		this.maxAdminBody = (int) properties.maxAdminBody().toBytes();
		this.tokenPaths = properties.tokenPosts().paths();
		this.rightsPath = properties.proofOfWork().forms().get(AbuseProperties.RIGHTS_FORM);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (READS.contains(request.getMethod())) {
			return chain.filter(exchange);
		}
		String path = request.getPath().pathWithinApplication().value();
		if (path.startsWith("/api/admin/")) {
			return request.getHeaders().getContentLength() > maxAdminBody
					? Problems.write(exchange, Catalogue.TOO_LARGE) : chain.filter(exchange);
		}
		if (path.startsWith("/console/")) {
			// The staff console: signed in, with a CSRF token (checked before this filter); no public write.
			return request.getHeaders().getContentLength() > maxBody ? Problems.write(exchange, Catalogue.TOO_LARGE)
					: chain.filter(exchange);
		}
		// Loosening checks match exactly: only the canonical token paths get the token posts' bucket.
		RateLimits.Family family = tokenPaths.contains(path) ? RateLimits.Family.TOKEN_POSTS
				: path.equals(rightsPath) ? RateLimits.Family.RIGHTS : RateLimits.Family.PUBLIC_WRITES;
		String form = proofOfWork.formOf(path);
		if (form == null) {
			return rateLimited(exchange, family,
					() -> withBody(exchange, (replayable, type, body) -> chain.filter(replayable)));
		}
		// A form with proof of work: the solution first, so that a refused attempt takes nothing from the budget.
		return withBody(exchange, (replayable, type, body) -> checkProofOfWork(exchange, form, type, body)
			.flatMap(accepted -> accepted ? rateLimited(exchange, family, () -> chain.filter(replayable))
					: Problems.write(exchange, Catalogue.PROOF_OF_WORK_REQUIRED)));
	}

	private Mono<Void> rateLimited(ServerWebExchange exchange, RateLimits.Family family, Supplier<Mono<Void>> then) {
		String client = ClientAddress.of(exchange);
		return rateLimits.tryAcquire(client, family).flatMap(wait -> {
			if (wait.isEmpty()) {
				return then.get();
			}
			// The request's own line in the security log (UsageLog) has the path, redacted as the usage log has it.
			security.info("rate-limited ip={} method={} bucket={}", client, exchange.getRequest().getMethod(),
					family.name().toLowerCase(Locale.ROOT));
			return Problems.write(exchange, Catalogue.TOO_MANY_REQUESTS.retryAfter(wait.get()));
		});
	}

	/** What follows once the body is read: the exchange that replays it, its type and its bytes. */
	private interface WithBody {

		Mono<Void> apply(ServerWebExchange replayable, MediaType type, byte[] body);
	}

	/** Checks content type and size, reads the body (at most the limit) and hands on an exchange that replays it. */
	private Mono<Void> withBody(ServerWebExchange exchange, WithBody next) {
		ServerHttpRequest request = exchange.getRequest();
		MediaType type = contentType(request);
		if (type == null || !ACCEPTED_TYPES.contains(type.getType() + "/" + type.getSubtype())) {
			return Problems.write(exchange, Catalogue.UNSUPPORTED_MEDIA_TYPE);
		}
		if (request.getHeaders().getContentLength() > maxBody) {
			return Problems.write(exchange, Catalogue.TOO_LARGE);
		}
		return DataBufferUtils.join(request.getBody(), maxBody)
			.map(RequestBodies::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap(body -> next.apply(exchange.mutate().request(RequestBodies.replaying(request, body)).build(), type, body))
			.onErrorResume(DataBufferLimitException.class, e -> Problems.write(exchange, Catalogue.TOO_LARGE));
	}

	private Mono<Boolean> checkProofOfWork(ServerWebExchange exchange, String form, MediaType type, byte[] body) {
		String solution = exchange.getRequest().getHeaders().getFirst("Altcha");
		if (solution == null) {
			solution = field(type, body, "altcha");
		}
		return proofOfWork.accept(solution, form).doOnNext(accepted -> {
			if (!accepted) {
				security.info("proof-of-work-refused ip={} form={}", ClientAddress.of(exchange), form);
			}
		});
	}

	/** The declared content type, or null when there is none or it does not parse ({@code charset=bogus}, {@code /}). */
	private static MediaType contentType(ServerHttpRequest request) {
		try {
			return request.getHeaders().getContentType();
		}
		catch (InvalidMediaTypeException unparseable) {
			return null;
		}
	}

	/** One top-level field of a form or JSON body, or null; a body that does not parse has none. */
	private String field(MediaType type, byte[] body, String name) {
		String text = new String(body, StandardCharsets.UTF_8);
		if (type.getSubtype().equals("json")) {
			try {
				JsonNode value = json.readTree(text).get(name);
				return value != null && value.isString() ? value.asString() : null;
			}
			catch (RuntimeException e) {
				return null;
			}
		}
		try {
			for (String pair : text.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
					return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				}
			}
		}
		catch (IllegalArgumentException malformed) {
			return null;
		}
		return null;
	}
}
