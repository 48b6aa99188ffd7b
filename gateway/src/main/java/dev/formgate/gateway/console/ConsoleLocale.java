package dev.formgate.gateway.console;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

import java.util.Locale;

/**
 * The console speaks German unless the person chose English; the choice is a cookie for the console's paths only
 * (set by the language switch, a form post).
 */
class ConsoleLocale implements LocaleContextResolver {

	static final String COOKIE = "formgate-console-lang";

	static boolean english(ServerWebExchange exchange) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
		return cookie != null && "en".equals(cookie.getValue());
	}

	@Override
	public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
		return new SimpleLocaleContext(english(exchange) ? Locale.ENGLISH : Locale.GERMAN);
	}

	@Override
	public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
		throw new UnsupportedOperationException("the language is chosen with the console's language switch");
	}
}
