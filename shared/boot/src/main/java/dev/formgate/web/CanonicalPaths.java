package dev.formgate.web;

/**
 * The one rule for request paths, at the gateway and in every service: a path passes only in its canonical spelling,
 * so every check reads the same path as the router and the handler mapping. Refused: any percent-encoding (also of
 * unreserved characters, {@code /api/contac%74}), a {@code ;} parameter, an empty, {@code .} or {@code ..} segment,
 * a trailing slash, and paths longer than any route. No route of Formgate has such a path. Case is left alone: the
 * gateway's router, Spring Security and Spring MVC all compare it exactly (docs/security.md, canonical paths).
 */
public final class CanonicalPaths {

	/**
	 * The characters a segment may hold: RFC 3986 unreserved characters and sub-delimiters (without {@code ;}),
	 * {@code :} and {@code @} — no {@code %}, so nothing is encoded.
	 */
	private static final boolean[] SEGMENT_CHARACTERS = new boolean[128];

	static {
		for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~!$&'()*+,=:@-".toCharArray()) {
			SEGMENT_CHARACTERS[c] = true;
		}
	}

	private CanonicalPaths() {
	}

	/**
	 * Whether the raw (still encoded) path of a request is canonical: {@code /}, or one or more segments of the
	 * characters above, none of them {@code .} or {@code ..}. One pass over the characters (every request at the
	 * gateway and in every service asks, the gateway twice), not a regular expression and a split.
	 */
	public static boolean isCanonical(String rawPath) {
		if (rawPath == null || rawPath.isEmpty() || rawPath.length() > 2048 || rawPath.charAt(0) != '/') {
			return false;
		}
		int length = rawPath.length();
		if (length == 1) {
			return true;
		}
		int segmentStart = 1;
		for (int i = 1; i <= length; i++) {
			char c = i < length ? rawPath.charAt(i) : '/';
			if (c == '/') {
				int segmentLength = i - segmentStart;
				if (segmentLength == 0 || dots(rawPath, segmentStart, segmentLength)) {
					return false;
				}
				segmentStart = i + 1;
			}
			else if (c >= SEGMENT_CHARACTERS.length || !SEGMENT_CHARACTERS[c]) {
				return false;
			}
		}
		return true;
	}

	/** Whether the segment is {@code .} or {@code ..}. */
	private static boolean dots(String path, int start, int length) {
		return length <= 2 && path.charAt(start) == '.' && (length == 1 || path.charAt(start + 1) == '.');
	}
}
