package dev.formgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Locale;
import java.util.Set;

/**
 * Pages speak German unless {@code lang=en} (links) or {@code language=en} (the sign-up form) says otherwise; no
 * cookie, no session remembers it. Registered as the {@code localeResolver}.
 */
public class Languages implements LocaleResolver {

	public static final String DEFAULT = "de";
	public static final Set<String> SUPPORTED = Set.of("de", "en");

	public static String orDefault(String language) {
		return language != null && SUPPORTED.contains(language) ? language : DEFAULT;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		String lang = request.getParameter("lang");
		return Locale.forLanguageTag(orDefault(lang != null ? lang : request.getParameter("language")));
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		throw new UnsupportedOperationException("the language comes from the request");
	}
}
