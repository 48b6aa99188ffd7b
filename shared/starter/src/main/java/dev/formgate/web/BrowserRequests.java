package dev.formgate.web;

import jakarta.servlet.http.HttpServletRequest;

/** Tells a browser (gets pages) from an API client (gets JSON and problem details). */
public final class BrowserRequests {

	private BrowserRequests() {
	}

	public static boolean wantsHtml(HttpServletRequest request) {
		return AcceptHeaders.prefersHtml(request.getHeader("Accept"));
	}
}
