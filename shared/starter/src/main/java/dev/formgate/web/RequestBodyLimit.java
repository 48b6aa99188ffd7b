package dev.formgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses bodies over the limit with 413: at once when Content-Length says so, otherwise as soon as reading passes
 * the limit (chunked uploads). Admin calls (paths starting {@value #ADMIN_PATHS}) have their own, larger limit; a
 * path that only looks like one ({@code /api/admin/../…}) is refused by the canonical-path rule right after.
 */
class RequestBodyLimit extends OncePerRequestFilter {

	static final String ADMIN_PATHS = "/api/admin/";

	private final long publicLimit;
	private final long adminLimit;

	RequestBodyLimit(WebProperties properties) {
		this.publicLimit = properties.maxRequestBody().toBytes();
		this.adminLimit = properties.maxAdminRequestBody().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = request.getRequestURI().startsWith(ADMIN_PATHS) ? adminLimit : publicLimit;
		if (request.getContentLengthLong() > limit) {
			// The body is never read, so the connection cannot be reused.
			response.setHeader("Connection", "close");
			Problems.write(request, response, Problem.of(ProblemType.TOO_LARGE,
					"The request body exceeds " + limit + " bytes."));
			return;
		}
		chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, limit) : request, response);
	}

	/** Thrown while reading a body that passes the limit; {@link Problems} turns it into 413. */
	static final class TooLarge extends IOException {

		TooLarge() {
			super("request body too large");
		}
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {
				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0 && ++read > limit) {
						throw new TooLarge();
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int off, int len) throws IOException {
					int n = in.read(buffer, off, len);
					if (n > 0 && (read += n) > limit) {
						throw new TooLarge();
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}
	}
}
