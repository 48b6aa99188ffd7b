package dev.formgate.gateway.console;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import dev.formgate.gateway.security.SecurityProperties;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;

/** The start page, the language switch and the page after logout. */
@Controller
@Conditional(ConsoleEnabled.class)
class ConsolePages {

	private final boolean secure;

	ConsolePages(SecurityProperties security) {
		this.secure = security.publicOrigin().startsWith("https:");
	}

	@GetMapping("/console")
	Mono<String> home(ServerWebExchange exchange) {
		return exchange.getPrincipal().cast(Authentication.class).map(auth -> {
			if (Staff.of(auth).areas().isEmpty()) {
				throw new Refusals.Refusal(Refusals.Kind.NO_ROLE);
			}
			return "console/home";
		});
	}

	@GetMapping(ConsoleSecurity.SIGNED_OUT)
	String signedOut() {
		return "console/signed-out";
	}

	/** A form post with {@code lang} ({@code de} or {@code en}) and {@code back}, the console page to return to. */
	@PostMapping("/console/language")
	Mono<Void> language(ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(form -> {
			String lang = "en".equals(form.getFirst("lang")) ? "en" : "de";
			exchange.getResponse().addCookie(ResponseCookie.from(ConsoleLocale.COOKIE, lang).path("/console")
				.httpOnly(true).sameSite("Lax").secure(secure).maxAge(Duration.ofDays(365)).build());
			exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
			exchange.getResponse().getHeaders().setLocation(URI.create(SafeRedirect.target(form.getFirst("back"))));
			return Mono.empty();
		});
	}
}
