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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A store (or a dependency behind a circuit breaker or bulkhead) that cannot be reached is a {@code 503} with
 * {@code Retry-After}, never a 500, and never a 202: nothing was stored, so the client should send again later. The
 * same problem type as the gateway's own 503. Browsers get a short page in their language.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StoreOutages {

	static final URI UNAVAILABLE = URI.create("https://formgate.dev/problems/service-unavailable");

	private static final Logger log = LoggerFactory.getLogger(StoreOutages.class);

	private final Duration retryAfter;

	public StoreOutages(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, MongoTimeoutException.class,
			MongoSocketException.class, CallNotPermittedException.class })
	ResponseEntity<?> unavailable(Exception e, HttpServletRequest request) {
		// The type says what failed; a message could name a host or hold a query, so it stays out of the log.
		log.warn("Answered 503: {}", e.getClass().getSimpleName());
		return answer(request);
	}

	ResponseEntity<?> answer(HttpServletRequest request) {
		String seconds = String.valueOf(Math.max(1, retryAfter.toSeconds()));
		if (BrowserRequests.wantsHtml(request)) {
			boolean english = "en".equals(request.getParameter("lang"));
			String page = "<!doctype html><html lang=\"" + (english ? "en" : "de")
					+ "\"><meta charset=\"utf-8\"><title>503</title><p>"
					+ (english ? "The service is unavailable right now. Your input was not stored; please try again "
							+ "in a few minutes."
							: "Der Dienst ist gerade nicht erreichbar. Ihre Eingabe wurde nicht gespeichert; bitte "
									+ "versuchen Sie es in einigen Minuten erneut.")
					+ "</p></html>";
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, seconds)
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service cannot reach its store right now; nothing was stored. Retry after the given time.");
		problem.setType(UNAVAILABLE);
		problem.setTitle("Service unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, seconds)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
		ResponseEntity<?> full(BulkheadFullException e, HttpServletRequest request) {
			log.warn("Answered 503: {}", e.getClass().getSimpleName());
			return outages.answer(request);
		}
	}
}
