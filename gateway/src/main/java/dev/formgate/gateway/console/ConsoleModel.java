package dev.formgate.gateway.console;

import org.springframework.context.MessageSource;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Locale;

/**
 * What every console page shows: the person, their areas, the CSRF token for its forms, the language; and how a
 * refusal of the admin API becomes a page.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

	private final MessageSource messages;

	ConsoleModel(MessageSource messages) {
		this.messages = messages;
	}

	@ModelAttribute("labels")
	Labels labels(ServerWebExchange exchange) {
		return new Labels(messages, ConsoleLocale.english(exchange) ? Locale.ENGLISH : Locale.GERMAN);
	}

	/**
	 * The token for the page's forms, for someone signed in only: taking a token stores it in the session, and a page
	 * for nobody (signed out) must not open a session for each visit.
	 */
	@ModelAttribute("csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return token == null ? Mono.empty() : exchange.getPrincipal().flatMap(signedIn -> token);
	}

	@ModelAttribute("staff")
	Mono<Staff> staff(ServerWebExchange exchange) {
		return exchange.getPrincipal().filter(org.springframework.security.core.Authentication.class::isInstance)
			.map(p -> Staff.of((org.springframework.security.core.Authentication) p));
	}

	@ModelAttribute("lang")
	String lang(ServerWebExchange exchange) {
		return ConsoleLocale.english(exchange) ? "en" : "de";
	}

	@ModelAttribute("fmt")
	Formats formats(ServerWebExchange exchange) {
		return new Formats(ConsoleLocale.english(exchange));
	}

	@ModelAttribute("here")
	String here(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().pathWithinApplication().value();
	}

	@ExceptionHandler(AdminApi.SignInAgain.class)
	Mono<Void> signInAgain(ServerWebExchange exchange) {
		return exchange.getSession().flatMap(session -> session.invalidate()).then(Mono.fromRunnable(() -> {
			exchange.getResponse().setStatusCode(org.springframework.http.HttpStatus.SEE_OTHER);
			exchange.getResponse().getHeaders().setLocation(URI.create(SafeRedirect.HOME));
		}));
	}

	@ExceptionHandler(Refusals.Refusal.class)
	Mono<Void> refusal(Refusals.Refusal refusal, ServerWebExchange exchange) {
		return Refusals.write(exchange, refusal.kind);
	}

	@ExceptionHandler(AdminApi.Refused.class)
	Mono<Void> refused(AdminApi.Refused refused, ServerWebExchange exchange) {
		return switch (refused.status.value()) {
			case 403 -> Refusals.write(exchange, Refusals.Kind.FORBIDDEN);
			case 404 -> Refusals.write(exchange, Refusals.Kind.NOT_FOUND);
			default -> Refusals.write(exchange, Refusals.Kind.UNAVAILABLE);
		};
	}
}
