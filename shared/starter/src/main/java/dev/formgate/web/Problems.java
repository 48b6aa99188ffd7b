package dev.formgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.boot.validation.autoconfigure.ValidatorAdapter;
import org.springframework.validation.Validator;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The one place where a servlet service's refusals become answers: RFC 9457 problem details of the catalogued
 * {@link ProblemType}s for API clients, friendly pages for browsers ({@link AcceptHeaders#prefersHtml}); invalid
 * input gets the service's own {@value #INVALID_INPUT_VIEW} view with the model attribute {@code problems}.
 * Controllers throw ({@link ProblemException}) or let Spring's binding fail; none renders a problem itself.
 * <p>
 * An answer names the field and the rule ({@link FieldProblems}), never the value sent, the request's path or a
 * framework's words ({@code No static resource …}, {@code Failed to convert …}). An exception nothing here expected is a 500 whose log
 * line has the exception's classes and stack but not its message, which may quote input.
 * <p>
 * Binding is declarative: a form or query record gets exactly its constructor's fields; any other field, bracketed
 * ({@code email[$ne]}) or not, is ignored. A bound field sent twice is refused with the code {@code duplicate}
 * ({@link SingleValues}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class Problems {

	/** The page each service provides for browsers that sent invalid input. */
	public static final String INVALID_INPUT_VIEW = "pages/invalid-input";

	private static final Logger log = LoggerFactory.getLogger(Problems.class);

	/** Spring Security's refusals: its filter chain answers them (401/403), as it does outside controllers. */
	private static final Set<String> SECURITY_REFUSALS = Set.of(
			"org.springframework.security.access.AccessDeniedException",
			"org.springframework.security.core.AuthenticationException");

	@InitBinder
	void bindDeclaredFieldsOnly(WebDataBinder binder) {
		binder.setDeclarativeBinding(true);
		// Boot's MVC validator cannot check one constructor argument alone; the Bean Validation adapter behind it
		// can, so a query with one value that does not convert still has every other field's rule checked.
		binder.replaceValidators(binder.getValidators().stream()
			.map(validator -> validator instanceof ValidatorAdapter adapter ? adapter.getTarget() : validator)
			.toArray(Validator[]::new));
	}

	@ExceptionHandler(Exception.class)
	Object answer(Exception e, HttpServletRequest request) throws Exception {
		if (isSecurityRefusal(e)) {
			throw e;
		}
		if (e instanceof AsyncRequestNotUsableException) {
			return null; // the client is gone
		}
		HttpHeaders headers = new HttpHeaders();
		if (e instanceof ErrorResponse response) {
			headers.addAll(response.getHeaders()); // e.g. Allow of a 405, Accept of a 415
		}
		return render(problemFor(e), headers, request);
	}

	Problem problemFor(Exception e) {
		return switch (e) {
			case InvalidInputException invalid -> FieldProblems.invalid(invalid.problems());
			case ProblemException refusal ->
				new Problem(refusal.type(), refusal.type().status(), refusal.detail(), null, refusal.properties());
			case HttpMessageNotReadableException unreadable -> FieldProblems.unreadable(unreadable);
			case MethodArgumentNotValidException invalid -> FieldProblems.invalid(invalid.getBindingResult());
			case HandlerMethodValidationException invalid -> FieldProblems.invalid(invalid);
			case MethodArgumentTypeMismatchException mismatch -> FieldProblems.unconverted(mismatch);
			case MissingServletRequestParameterException missing -> FieldProblems.missing(missing);
			case RequestBodyLimit.TooLarge tooLarge -> Problem.of(ProblemType.TOO_LARGE);
			case ErrorResponse response -> Problem.forStatus(response.getStatusCode().value());
			default -> unexpected(e);
		};
	}

	/** Writes the problem as the request wants it: the service's view or a page for browsers, else JSON. */
	public static Object render(Problem problem, HttpHeaders headers, HttpServletRequest request) {
		if (BrowserRequests.wantsHtml(request)) {
			if (problem.type() == ProblemType.INVALID_INPUT && !problem.errors().isEmpty()) {
				var page = new ModelAndView(INVALID_INPUT_VIEW, HttpStatus.valueOf(problem.status()));
				page.addObject("problems", problem.errors());
				return page;
			}
			return ResponseEntity.status(problem.status()).headers(headers)
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.body(problem.page(english(request)));
		}
		return ResponseEntity.status(problem.status()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.toJson());
	}

	/**
	 * Writes the problem straight to the response, for code that runs outside Spring MVC (filters, security
	 * handlers): a page for browsers, else JSON.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, Problem problem)
			throws IOException {
		response.setStatus(problem.status());
		response.setContentType(contentType(request));
		byte[] body = body(request, problem).getBytes(StandardCharsets.UTF_8);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** The content type {@link #body} has for this request. */
	static String contentType(HttpServletRequest request) {
		return BrowserRequests.wantsHtml(request) ? "text/html;charset=UTF-8" : MediaType.APPLICATION_PROBLEM_JSON_VALUE;
	}

	/** The problem as this request should see it, outside Spring MVC: a page for browsers, else JSON. */
	static String body(HttpServletRequest request, Problem problem) {
		return BrowserRequests.wantsHtml(request) ? problem.page(BrowserRequests.prefersEnglish(request))
				: problem.toJson();
	}

	/** The form's or link's language if it parsed ({@code language}, {@code lang}), else the browser's. */
	private static boolean english(HttpServletRequest request) {
		try {
			String chosen = request.getParameter("lang") != null ? request.getParameter("lang")
					: request.getParameter("language");
			if (chosen != null) {
				return "en".equals(chosen);
			}
		}
		catch (IllegalStateException unreadable) {
			// the parameters are what failed; the browser's language decides
		}
		return BrowserRequests.prefersEnglish(request);
	}

	private static Problem unexpected(Exception e) {
		// The message may quote input (a parameter, a query): the log gets the classes and the stack only.
		log.error("Unexpected {}: answered 500", e.getClass().getName(), ScrubbedException.of(e));
		return Problem.of(ProblemType.INTERNAL);
	}

	private static boolean isSecurityRefusal(Throwable e) {
		for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
			if (SECURITY_REFUSALS.contains(type.getName())) {
				return true;
			}
		}
		return false;
	}
}
