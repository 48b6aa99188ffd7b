package dev.formgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Parses the query and form fields once, before anything else reads them, and refuses what cannot be read with a
 * problem of its own instead of an exception whose message quotes the field's value into a log: a field that is not
 * valid UTF-8 once percent-decoded ({@code token=SECRET%FF}, {@code name=J%FCrgen} from an ISO-8859-1 page) or is
 * malformed is 400 {@code invalid-input}; more fields than the server parses, or a form body over its size, is 400
 * or 413 as the server decides. Browsers get a page. Runs after the character-encoding filter (the body is read as
 * UTF-8) and before everything else.
 */
class RequestParameters extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (IllegalStateException unreadable) {
			// Tomcat's message names the field and quotes its value: it goes nowhere.
			Problems.write(request, response, refusal(unreadable));
			return;
		}
		chain.doFilter(request, response);
	}

	private static Problem refusal(IllegalStateException unreadable) {
		if (unreadable instanceof InvalidParameterException tomcat && tomcat.getErrorCode() == 413) {
			return Problem.of(ProblemType.TOO_LARGE);
		}
		return Problem.of(ProblemType.INVALID_INPUT,
				"The query or form could not be read: send UTF-8, percent-encoded, each field once.");
	}
}
