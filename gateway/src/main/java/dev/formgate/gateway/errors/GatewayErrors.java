package dev.formgate.gateway.errors;

import dev.formgate.gateway.errors.Problems.Problem;
import com.mongodb.MongoException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Replaces Boot's JSON error attributes (timestamp, path, exception) with the gateway's problems. */
@Component
@Order(-2)
class GatewayErrors implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

	private final Duration retryAfter;
	private final Duration storeRetryAfter;

	GatewayErrors(ErrorProperties properties) {
		this.retryAfter = properties.retryAfter();
		this.storeRetryAfter = properties.storeRetryAfter();
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		return Problems.write(exchange, problemFor(error));
	}

	Problem problemFor(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return Catalogue.TOO_LARGE;
			}
			if (cause instanceof InvalidMediaTypeException) {
				// A Content-Type that does not parse (charset=bogus, "/"): a client error, not worth an ERROR line.
				return Catalogue.UNSUPPORTED_MEDIA_TYPE;
			}
			if (cause instanceof ConnectException || cause instanceof CallNotPermittedException) {
				return Catalogue.UNAVAILABLE.retryAfter(retryAfter);
			}
			if (cause instanceof DataAccessResourceFailureException || cause instanceof MongoException) {
				// The gateway's own store (used proof-of-work solutions): nothing was forwarded, nothing stored.
				log.warn("Store unavailable: {}", cause.getClass().getSimpleName());
				return Catalogue.UNAVAILABLE.retryAfter(storeRetryAfter);
			}
			if (cause instanceof TimeoutException) {
				return Catalogue.GATEWAY_TIMEOUT;
			}
		}
		if (error instanceof ResponseStatusException status) {
			HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
			if (code != null) {
				return switch (code) {
					case NOT_FOUND -> Catalogue.NOT_FOUND;
					case METHOD_NOT_ALLOWED -> Catalogue.METHOD_NOT_ALLOWED;
					case UNSUPPORTED_MEDIA_TYPE -> Catalogue.UNSUPPORTED_MEDIA_TYPE;
					case CONTENT_TOO_LARGE -> Catalogue.TOO_LARGE;
					case SERVICE_UNAVAILABLE -> Catalogue.UNAVAILABLE.retryAfter(retryAfter);
					case GATEWAY_TIMEOUT -> Catalogue.GATEWAY_TIMEOUT;
					case UNAUTHORIZED -> Catalogue.UNAUTHORIZED;
					case FORBIDDEN -> Catalogue.FORBIDDEN;
					default -> code.is4xxClientError() ? Catalogue.BAD_REQUEST : internal(error);
				};
			}
		}
		return internal(error);
	}

	private static Problem internal(Throwable error) {
		// The class name says what broke; the message could hold request data, so it stays out of the log.
		log.error("Unhandled gateway error: {}", error.getClass().getName());
		return Catalogue.INTERNAL;
	}
}
