package dev.formgate.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Duration;

/**
 * A store (or a dependency behind a circuit breaker or bulkhead) that cannot be reached is a {@code 503} with
 * {@code Retry-After}, never a 500, and never a 202: nothing was stored, so the client should send again later. The
 * same problem type as the gateway's own 503. Browsers get a short page in their language. Its own advice, ahead of
 * {@link Problems}, because MongoDB and Resilience4j are not on every class path that has this module.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StoreOutages {

	private static final Logger log = LoggerFactory.getLogger(StoreOutages.class);

	private final Duration retryAfter;

	public StoreOutages(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, MongoTimeoutException.class,
			MongoSocketException.class, CallNotPermittedException.class })
	Object unavailable(Exception e, HttpServletRequest request) {
		// The type says what failed; a message could name a host or hold a query, so it stays out of the log.
		log.warn("Answered 503: {}", e.getClass().getSimpleName());
		return answer(request);
	}

	Object answer(HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		return Problems.render(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
				"The service cannot reach its store right now; nothing was stored. Retry after the given time."),
				headers, request);
	}

	/** A full bulkhead is the same answer; apart because Resilience4j's bulkhead module may be absent. */
	@RestControllerAdvice
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public static class Bulkheads {

		private final StoreOutages outages;

		public Bulkheads(StoreOutages outages) {
			this.outages = outages;
		}

		@ExceptionHandler(BulkheadFullException.class)
		Object full(BulkheadFullException e, HttpServletRequest request) {
			log.warn("Answered 503: {}", e.getClass().getSimpleName());
			return outages.answer(request);
		}
	}
}
