package dev.formgate.web;

import java.util.regex.Pattern;

/**
 * The one rule for request paths, at the gateway and in every service: a path passes only in its canonical spelling,
 * so every check reads the same path as the router and the handler mapping. Refused: any percent-encoding (also of
 * unreserved characters, {@code /api/contac%74}), a {@code ;} parameter, an empty, {@code .} or {@code ..} segment,
 * a trailing slash, and paths longer than any route. No route of Formgate has such a path. Case is left alone: the
 * gateway's router, Spring Security and Spring MVC all compare it exactly (docs/security.md, canonical paths).
 */
public final class CanonicalPaths {

	/** Segments of RFC 3986 unreserved characters and sub-delimiters (without {@code ;}), {@code :} and {@code @}. */
	private static final Pattern CANONICAL = Pattern.compile("/|(/[A-Za-z0-9._~!$&'()*+,=:@-]+)+");

	private CanonicalPaths() {
	}

	/** Whether the raw (still encoded) path of a request is canonical. */
	public static boolean isCanonical(String rawPath) {
		if (rawPath == null || rawPath.length() > 2048 || !CANONICAL.matcher(rawPath).matches()) {
			return false;
		}
		for (String segment : rawPath.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}
}
