package dev.formgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RFC 9457 problem details for API clients, friendly pages for browsers. Details never echo input values or internal
 * names: a problem says which field is wrong and why, not what was sent. Browsers get the service's own
 * {@value #INVALID_INPUT_VIEW} view with the model attribute {@code problems}.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

	static final URI INVALID_INPUT = URI.create("https://formgate.dev/problems/invalid-input");
	static final URI TOO_LARGE = URI.create("https://formgate.dev/problems/request-too-large");

	/** The page each service provides for browsers that sent invalid input. */
	public static final String INVALID_INPUT_VIEW = "pages/invalid-input";

	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,40}");

	@ExceptionHandler(InvalidInputException.class)
	Object invalidInput(InvalidInputException e, HttpServletRequest request) {
		if (BrowserRequests.wantsHtml(request)) {
			var page = new ModelAndView(INVALID_INPUT_VIEW, HttpStatus.BAD_REQUEST);
			page.addObject("problems", e.problems());
			return page;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"One or more fields are invalid.");
		problem.setType(INVALID_INPUT);
		problem.setTitle("Invalid input");
		problem.setProperty("errors", e.problems());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedByTooLarge(ex)) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(tooLarge());
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not well-formed JSON of the expected shape.");
		problem.setType(INVALID_INPUT);
		problem.setTitle("Unreadable request body");
		String field = misshapenField(ex);
		if (field != null) {
			// e.g. {"email":{"$ne":null}}: an object where text belongs is refused here, long before any query.
			problem.setProperty("errors", List.of(new InvalidInputException.FieldProblem(field, "invalid",
					"This field has the wrong type.")));
		}
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The top-level property Jackson could not bind, if it is a plain name (never echo anything else). */
	private static String misshapenField(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				String name = jackson.getPath().getFirst().getPropertyName();
				return name != null && FIELD_NAME.matcher(name).matches() ? name : null;
			}
		}
		return null;
	}

	@ExceptionHandler(RequestBodyLimit.TooLarge.class)
	ResponseEntity<ProblemDetail> tooLargeWhileReading() {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(tooLarge());
	}

	void writeTooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setHeader("Connection", "close");
		if (BrowserRequests.wantsHtml(request)) {
			boolean english = "en".equals(request.getParameter("lang"));
			response.setContentType("text/html;charset=UTF-8");
			response.getOutputStream().write(("<!doctype html><html lang=\"" + (english ? "en" : "de")
					+ "\"><meta charset=\"utf-8\"><title>413</title><p>"
					+ (english ? "The form sent more data than allowed. Please shorten your input."
							: "Das Formular hat mehr Daten gesendet als erlaubt. Bitte kürzen Sie Ihre Eingabe.")
					+ "</p></html>").getBytes(StandardCharsets.UTF_8));
			return;
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(("{\"type\":\"" + TOO_LARGE + "\",\"title\":\"Request body too large\","
				+ "\"status\":413,\"detail\":\"The request body exceeds " + limit + " bytes.\"}")
			.getBytes(StandardCharsets.UTF_8));
	}

	private static ProblemDetail tooLarge() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body exceeds the allowed size.");
		problem.setType(TOO_LARGE);
		problem.setTitle("Request body too large");
		return problem;
	}

	private static boolean causedByTooLarge(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof RequestBodyLimit.TooLarge) {
				return true;
			}
		}
		return false;
	}
}
