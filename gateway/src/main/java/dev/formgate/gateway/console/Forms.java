package dev.formgate.gateway.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of what the console's forms and links send, before anything reaches the admin API. */
final class Forms {

	static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	private Forms() {
	}

	/** An id from a path; anything else is a page that does not exist. */
	static String id(String value) {
		if (value == null || !ID.matcher(value).matches()) {
			throw new Refusals.Refusal(Refusals.Kind.NOT_FOUND);
		}
		return value;
	}

	/** One of the given constants (case-insensitive), or null. */
	static String oneOf(String value, Set<String> allowed) {
		if (value == null) {
			return null;
		}
		String upper = value.strip().toUpperCase(Locale.ROOT);
		return allowed.contains(upper) ? upper : null;
	}

	/** A lower-case code such as a topic or list id, or null. */
	static String code(String value) {
		return value != null && CODE.matcher(value.strip()).matches() ? value.strip() : null;
	}

	/** A form field's text as sent; an absent field is empty (the API then names it as required). */
	static String text(org.springframework.util.MultiValueMap<String, String> form, String name) {
		String value = form.getFirst(name);
		return value == null ? "" : value;
	}

	static int page(String value) {
		try {
			int page = Integer.parseInt(value == null ? "0" : value.strip());
			return page < 0 || page > 100_000 ? 0 : page;
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

	/** After a form: back to a console page (303, so a reload does not post again). */
	static Mono<Void> seeOther(ServerWebExchange exchange, String location) {
		exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
		exchange.getResponse().getHeaders().setLocation(URI.create(SafeRedirect.target(location)));
		return Mono.empty();
	}
}
