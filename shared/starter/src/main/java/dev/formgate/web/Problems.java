package dev.formgate.web;

import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.boot.validation.autoconfigure.ValidatorAdapter;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Validator;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where a servlet service's refusals become answers: RFC 9457 problem details of the catalogued
 * {@link ProblemType}s for API clients, friendly pages for browsers ({@link AcceptHeaders#prefersHtml}); invalid
 * input gets the service's own {@value #INVALID_INPUT_VIEW} view with the model attribute {@code problems}.
 * Controllers throw ({@link ProblemException}) or let Spring's binding fail; none renders a problem itself.
 * <p>
 * An answer names the field and the rule, never the value sent, the request's path or a framework's words
 * ({@code No static resource …}, {@code Failed to convert …}). An exception nothing here expected is a 500 whose log
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

	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,40}");

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
			case InvalidInputException invalid -> invalid(invalid.problems());
			case ProblemException refusal ->
				new Problem(refusal.type(), refusal.type().status(), refusal.detail(), null, refusal.properties());
			case HttpMessageNotReadableException unreadable -> unreadable(unreadable);
			case MethodArgumentNotValidException invalid -> invalid(invalid.getBindingResult());
			case HandlerMethodValidationException invalid -> invalid(invalid);
			case MethodArgumentTypeMismatchException mismatch ->
				invalid(List.of(unconverted(fieldName(mismatch.getName()), mismatch)));
			case MissingServletRequestParameterException missing ->
				invalid(List.of(FieldProblem.required(fieldName(missing.getParameterName()))));
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

	private static Problem invalid(List<FieldProblem> errors) {
		return Problem.of(ProblemType.INVALID_INPUT).withErrors(errors);
	}

	private static Problem unreadable(HttpMessageNotReadableException e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof RequestBodyLimit.TooLarge) {
				return Problem.of(ProblemType.TOO_LARGE);
			}
		}
		Problem problem = Problem.of(ProblemType.INVALID_INPUT,
				"The request body is not well-formed JSON of the expected shape.");
		for (Throwable t = e; t != null; t = t.getCause()) {
			// e.g. {"email":{"$ne":null}}: an object where text belongs is refused here, long before any query.
			if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				String name = jackson.getPath().getFirst().getPropertyName();
				if (name == null || !FIELD_NAME.matcher(name).matches()) {
					return problem; // never echo a name that is not one of ours
				}
				Class<?> target = t instanceof MismatchedInputException mismatch && jackson.getPath().size() == 1
						? mismatch.getTargetType() : null;
				String rule = target == null ? null : expected(target);
				return problem.withErrors(List.of(FieldProblem.invalid(name,
						rule == null || rule.startsWith("This") ? "This field has the wrong type." : rule)));
			}
		}
		return problem;
	}

	/** Binding of a form, query or body record: every field at fault, in the order declared. */
	private static Problem invalid(BindingResult result) {
		List<FieldProblem> errors = new ArrayList<>();
		for (FieldError error : result.getFieldErrors()) {
			FieldProblem problem = error.contains(TypeMismatchException.class)
					? unconverted(fieldName(error.getField()), error.unwrap(TypeMismatchException.class))
					: describe(fieldName(error.getField()),
							error.contains(ConstraintViolation.class) ? error.unwrap(ConstraintViolation.class) : null);
			if (errors.stream().noneMatch(known -> known.field().equals(problem.field()))) {
				errors.add(problem);
			}
		}
		return invalid(errors);
	}

	private static Problem invalid(HandlerMethodValidationException e) {
		List<FieldProblem> errors = new ArrayList<>();
		e.getParameterValidationResults().forEach(result -> {
			RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
			String name = param != null && !param.name().isEmpty() ? param.name()
					: result.getMethodParameter().getParameterName();
			result.getResolvableErrors().stream().findFirst()
				.ifPresent(error -> errors.add(describe(fieldName(name), violation(result, error))));
		});
		return invalid(errors);
	}

	private static ConstraintViolation<?> violation(ParameterValidationResult result, MessageSourceResolvable error) {
		try {
			return result.unwrap(error, ConstraintViolation.class);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** A constraint's rule in English words of our own, whatever the request's language; never the value. */
	private static FieldProblem describe(String field, ConstraintViolation<?> violation) {
		if (violation == null) {
			return FieldProblem.invalid(field, "This value is not allowed.");
		}
		Map<String, Object> rule = violation.getConstraintDescriptor().getAttributes();
		return switch (violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()) {
			case "NotNull", "NotBlank", "NotEmpty" -> FieldProblem.required(field);
			case "Size" -> new FieldProblem(field, "too-long", "At most " + rule.get("max") + " characters.");
			case "Min", "DecimalMin" -> FieldProblem.invalid(field, "At least " + rule.get("value") + ".");
			case "Max", "DecimalMax" -> FieldProblem.invalid(field, "At most " + rule.get("value") + ".");
			case "DurationMax" -> FieldProblem.invalid(field, "At most " + rule.get("days") + " days.");
			case "DurationMin" -> FieldProblem.invalid(field, "Not negative.");
			default -> FieldProblem.invalid(field, "This value is not allowed.");
		};
	}

	/** A value that did not convert: sent twice ({@link SingleValues}), or not of the field's type. */
	private static FieldProblem unconverted(String field, TypeMismatchException mismatch) {
		if (mismatch.getValue() instanceof String[] values && values.length > 1) {
			return new FieldProblem(field, "duplicate", "This field was sent more than once.");
		}
		return FieldProblem.invalid(field, expected(mismatch.getRequiredType()));
	}

	/** What a field of this type accepts, for the detail of a value that did not convert. */
	static String expected(Class<?> type) {
		if (type == null) {
			return "This value has the wrong form.";
		}
		if (type.isEnum()) {
			return "One of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
				.collect(Collectors.joining(", ")) + ".";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "A whole number.";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false.";
		}
		if (type == Duration.class) {
			return "A duration such as P30D or 30d.";
		}
		if (type == LocalDate.class) {
			return "A date such as 2025-01-31.";
		}
		return "This value has the wrong form.";
	}

	/** A field is named as declared; a name that is not a plain word is never echoed. */
	private static String fieldName(String name) {
		return name != null && FIELD_NAME.matcher(name).matches() ? name : "(field)";
	}

	private static Problem unexpected(Exception e) {
		// The message may quote input (a parameter, a query): the log gets the classes and the stack only.
		log.error("Unexpected {}: answered 500", e.getClass().getName(), Scrubbed.of(e));
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

	/** An exception's class and stack without its message, for a log; causes likewise. */
	static final class Scrubbed extends RuntimeException {

		private Scrubbed(Throwable original, Scrubbed cause) {
			super(original.getClass().getName(), cause, false, true);
			setStackTrace(original.getStackTrace());
		}

		static Scrubbed of(Throwable original) {
			List<Throwable> chain = new ArrayList<>();
			for (Throwable t = original; t != null && chain.size() < 10 && !chain.contains(t); t = t.getCause()) {
				chain.add(t);
			}
			Scrubbed scrubbed = null;
			for (int i = chain.size() - 1; i >= 0; i--) {
				scrubbed = new Scrubbed(chain.get(i), scrubbed);
			}
			return scrubbed;
		}

		@Override
		public String toString() {
			return getMessage(); // the original's class name, without this wrapper's
		}
	}
}
