package dev.formgate.gateway.console;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * The console's refusals that come before any page is rendered (a form without a valid CSRF token, a session that
 * ended, a role that is missing): a short page in the person's language that says nothing changed.
 */
final class Refusals {

	enum Kind {
		FORM_EXPIRED(HttpStatus.FORBIDDEN, "Formular ungültig", "Das Formular ist abgelaufen oder ungültig, zum "
				+ "Beispiel weil Ihre Sitzung beendet ist. Es wurde nichts geändert. Bitte öffnen Sie die Seite neu.",
				"Form not valid", "The form has expired or is not valid, for example because your session has "
						+ "ended. Nothing was changed. Please open the page again."),
		FORBIDDEN(HttpStatus.FORBIDDEN, "Keine Berechtigung", "Ihnen fehlt die Rolle für diese Seite oder Aktion. Es "
				+ "wurde nichts geändert.", "Not permitted",
				"You lack the role for this page or action. Nothing was changed."),
		NO_ROLE(HttpStatus.FORBIDDEN, "Keine Rolle zugewiesen", "Sie sind angemeldet, aber Ihnen ist keine Rolle in "
				+ "Formgate zugewiesen. Bitte wenden Sie sich an die Verwaltung Ihres Identitätsanbieters.",
				"No role assigned", "You are signed in, but no Formgate role is assigned to you. Please ask the "
						+ "administrators of your identity provider."),
		NOT_FOUND(HttpStatus.NOT_FOUND, "Nicht gefunden", "Diesen Eintrag gibt es nicht (mehr).", "Not found",
				"This entry does not exist (any more)."),
		UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Gerade nicht möglich", "Der Dienst dahinter hat die Aktion nicht "
				+ "ausgeführt oder ist nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.",
				"Not possible right now", "The service behind did not carry out the action or cannot be reached. "
						+ "Please try again in a few minutes."),
		SIGN_IN_FAILED(HttpStatus.UNAUTHORIZED, "Anmeldung fehlgeschlagen", "Die Anmeldung beim Identitätsanbieter "
				+ "ist fehlgeschlagen oder er ist gerade nicht erreichbar. Bitte versuchen Sie es erneut.",
				"Sign-in failed", "Signing in with the identity provider failed, or it cannot be reached right now. "
						+ "Please try again.");

		final HttpStatus status;
		final String titleDe;
		final String textDe;
		final String titleEn;
		final String textEn;

		Kind(HttpStatus status, String titleDe, String textDe, String titleEn, String textEn) {
			this.status = status;
			this.titleDe = titleDe;
			this.textDe = textDe;
			this.titleEn = titleEn;
			this.textEn = textEn;
		}
	}

	/** Thrown by a page that refuses; the console's advice answers with the kind's page. */
	static final class Refusal extends RuntimeException {

		final Kind kind;

		Refusal(Kind kind) {
			super(kind.name(), null, false, false);
			this.kind = kind;
		}
	}

	private Refusals() {
	}

	static Mono<Void> write(ServerWebExchange exchange, Kind kind) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		boolean english = ConsoleLocale.english(exchange);
		String title = english ? kind.titleEn : kind.titleDe;
		String page = "<!doctype html><html lang=\"" + (english ? "en" : "de") + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<link rel=\"stylesheet\" href=\"/assets/console.css\"><title>" + HtmlUtils.htmlEscape(title, "UTF-8")
				+ " – Formgate</title></head><body><main id=\"main\" class=\"narrow\"><h1>" + HtmlUtils.htmlEscape(title, "UTF-8")
				+ "</h1><p>" + HtmlUtils.htmlEscape(english ? kind.textEn : kind.textDe, "UTF-8") + "</p><p><a href=\"/console\">"
				+ (english ? "To the console" : "Zur Konsole") + "</a></p></main></body></html>";
		response.setStatusCode(kind.status);
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		DataBuffer buffer = response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}
}
