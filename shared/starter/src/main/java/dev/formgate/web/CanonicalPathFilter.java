package dev.formgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The services repeat the gateway's path rule ({@link CanonicalPaths}) instead of trusting that only canonical paths
 * reach them: Tomcat decodes {@code /api/contac%74} to {@code /api/contact}, so a service that took such a path would
 * answer a request no check at the gateway was made for. Refused with a {@code 400} problem before anything reads it.
 */
class CanonicalPathFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (CanonicalPaths.isCanonical(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		Problems.write(request, response, Problem.of(ProblemType.PATH_NOT_CANONICAL));
	}
}
