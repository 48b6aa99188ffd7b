package dev.formgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

import java.io.IOException;

/**
 * The security headers of every answer a service gives, written here once before anything answers (a page, a problem,
 * the path check, the admin chain's refusals, Tomcat's own): the ones Spring Security's chain wrote when every path passed through
 * it. Written at once rather than when the answer is committed, so that no answer's writes go through a wrapper: no
 * service sets caching headers of its own; one that wants an answer cached must replace these ({@code setHeader}),
 * not add to them. The gateway writes its own set in front (docs/security.md).
 */
class SecurityHeaders extends HttpFilter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (response instanceof HttpServletResponse http) {
			write(http);
		}
		chain.doFilter(request, response);
	}

	/** Also for Tomcat's own refusals, which no filter sees ({@link ProblemReportValve}). */
	static void write(HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-XSS-Protection", "0");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.setHeader(HttpHeaders.EXPIRES, "0");
	}
}
