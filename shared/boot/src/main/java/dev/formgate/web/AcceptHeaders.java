package dev.formgate.web;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Reads an {@code Accept} header; servlet-free, so the reactive gateway decides the same way as the services. */
public final class AcceptHeaders {

	private AcceptHeaders() {
	}

	/** A browser prefers a page: HTML accepted at least as much as JSON. A missing or broken header means no. */
	public static boolean prefersHtml(String accept) {
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
