package dev.formgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The services repeat the gateway's path rule ({@link CanonicalPaths}) instead of trusting that only canonical paths
 * reach them: Tomcat decodes {@code /api/contac%74} to {@code /api/contact}, so a service that took such a path would
 * answer a request no check at the gateway was made for. Refused with a {@code 400} problem before anything reads it.
 */
class CanonicalPathFilter extends OncePerRequestFilter {

	static final String PROBLEM = "{\"type\":\"https://formgate.dev/problems/path-not-canonical\",\"title\":\"Path not "
			+ "in canonical form\",\"status\":400,\"detail\":\"Send the path as it is: no percent-encoding, no empty, "
			+ "'.' or '..' segments, no ';' parameters, no trailing slash.\"}";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (CanonicalPaths.isCanonical(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(PROBLEM.getBytes(StandardCharsets.UTF_8));
	}
}
