package dev.formgate.gateway.console;

import java.util.regex.Pattern;

/**
 * Where the browser may go after sign-in: a page of the console on this origin, given as a relative path. Anything
 * else (another host, a scheme, {@code //host}, a backslash, an encoded slash or control character) goes to the
 * console's start page instead.
 */
final class SafeRedirect {

	static final String HOME = "/console";
	private static final Pattern SAFE = Pattern.compile("/console(/[A-Za-z0-9._~-]+)*/?(\\?[A-Za-z0-9._~=&%+-]*)?");

	private SafeRedirect() {
	}

	static String target(String requested) {
		if (requested == null || !SAFE.matcher(requested).matches()) {
			return HOME;
		}
		String path = requested.indexOf('?') < 0 ? requested : requested.substring(0, requested.indexOf('?'));
		for (String segment : path.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				return HOME;
			}
		}
		return requested;
	}
}
