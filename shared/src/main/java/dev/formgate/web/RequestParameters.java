package dev.formgate.web;

import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the query and form fields once, before anything else reads them, and refuses what cannot be read with a
 * problem of its own instead of an exception whose message quotes the field's value into a log:
 * <ul>
 * <li>a field that is not valid UTF-8 once percent-decoded ({@code token=SECRET%FF}, {@code name=J%FCrgen} from an
 * ISO-8859-1 page), or a malformed field: 400 {@code invalid-input};</li>
 * <li>more fields than the server parses or a form body over its size: 400 or 413, as the server decides;</li>
 * <li>a plain field name ({@code email}) sent twice, in the query, the body or both: 400 {@code invalid-input}
 * naming it (code {@code duplicate}). Which value was meant cannot be known, and binding would silently join them
 * with a comma. Bracketed names ({@code interests[]}) are never bound (binding is declarative, see
 * {@link Problems}) and may repeat.</li>
 * </ul>
 * Browsers get a page. Runs after the character-encoding filter (the body is read as UTF-8) and before everything
 * else.
 */
class RequestParameters extends OncePerRequestFilter {

	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,40}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, String[]> fields;
		try {
			fields = request.getParameterMap();
		}
		catch (IllegalStateException unreadable) {
			// Tomcat's message names the field and quotes its value: it goes nowhere.
			Problems.write(request, response, refusal(unreadable));
			return;
		}
		List<FieldProblem> duplicates = new ArrayList<>();
		fields.forEach((name, values) -> {
			if (values.length > 1 && PLAIN_NAME.matcher(name).matches()) {
				duplicates.add(new FieldProblem(FIELD_NAME.matcher(name).matches() ? name : "(field)", "duplicate",
						"This field was sent more than once."));
			}
		});
		if (!duplicates.isEmpty()) {
			Problems.write(request, response, Problem.of(ProblemType.INVALID_INPUT).withErrors(duplicates));
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
