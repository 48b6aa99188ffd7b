package dev.formgate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;


/** Tells a browser (gets pages) from an API client (gets JSON and problem details). */
public final class BrowserRequests {

	private BrowserRequests() {
	}

	public static boolean wantsHtml(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		if (accept == null) {
			return false;
		}
		try {
			double html = 0;
			double json = 0;
			for (MediaType type : MediaType.parseMediaTypes(accept)) {
				if (type.getType().equals("text") && type.getSubtype().equals("html")) {
					html = Math.max(html, type.getQualityValue());
				}
				else if (type.getType().equals("application") && type.getSubtype().endsWith("json")) {
					json = Math.max(json, type.getQualityValue());
				}
			}
			return html > 0 && html >= json;
		}
		catch (InvalidMediaTypeException e) {
			return false;
		}
	}
}
