package dev.formgate.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;

/** Tells a browser (gets pages) from an API client (gets JSON and problem details). */
public final class BrowserRequests {

	private BrowserRequests() {
	}

	public static boolean wantsHtml(HttpServletRequest request) {
		return AcceptHeaders.prefersHtml(request.getHeader("Accept"));
	}

	/**
	 * The language of a page about a failed request: {@code lang=en} in the raw query (never the parsed parameters,
	 * which may be what failed), else an Accept-Language that puts English first; German otherwise.
	 */
	public static boolean prefersEnglish(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query != null) {
			for (String pair : query.split("&")) {
				if (pair.equals("lang=en")) {
					return true;
				}
				if (pair.startsWith("lang=")) {
					return false;
				}
			}
		}
		String accept = request.getHeader("Accept-Language");
		if (accept == null) {
			return false;
		}
		try {
			var ranges = Locale.LanguageRange.parse(accept);
			return !ranges.isEmpty() && ranges.getFirst().getRange().toLowerCase(Locale.ROOT).startsWith("en");
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}
}
