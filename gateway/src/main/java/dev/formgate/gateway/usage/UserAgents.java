package dev.formgate.gateway.usage;

import java.util.Locale;

/** Browser and operating-system families from a user-agent header; the header itself is never stored. */
final class UserAgents {

	record Family(String browser, String os) {
	}

	private UserAgents() {
	}

	static Family parse(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return new Family("unknown", "unknown");
		}
		String ua = userAgent.toLowerCase(Locale.ROOT);
		return new Family(browser(ua), os(ua));
	}

	private static String browser(String ua) {
		if (ua.contains("bot") || ua.contains("crawler") || ua.contains("spider") || ua.contains("slurp")) {
			return "Bot";
		}
		if (ua.startsWith("curl/") || ua.startsWith("wget/") || ua.startsWith("python") || ua.startsWith("java/")
				|| ua.contains("httpclient") || ua.startsWith("go-http-client") || ua.startsWith("okhttp")) {
			return "Library";
		}
		if (ua.contains("edg/") || ua.contains("edge/") || ua.contains("edga/") || ua.contains("edgios/")) {
			return "Edge";
		}
		if (ua.contains("opr/") || ua.contains("opera")) {
			return "Opera";
		}
		if (ua.contains("samsungbrowser/")) {
			return "Samsung Internet";
		}
		if (ua.contains("firefox/") || ua.contains("fxios/")) {
			return "Firefox";
		}
		if (ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/")) {
			return "Chrome";
		}
		if (ua.contains("safari/") && ua.contains("version/")) {
			return "Safari";
		}
		return "Other";
	}

	private static String os(String ua) {
		if (ua.contains("android")) {
			return "Android";
		}
		if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")) {
			return "iOS";
		}
		if (ua.contains("windows")) {
			return "Windows";
		}
		if (ua.contains("mac os x") || ua.contains("macintosh")) {
			return "macOS";
		}
		if (ua.contains("cros")) {
			return "ChromeOS";
		}
		if (ua.contains("linux") || ua.contains("x11")) {
			return "Linux";
		}
		return "Other";
	}
}
