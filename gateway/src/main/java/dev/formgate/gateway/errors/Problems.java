package dev.formgate.gateway.errors;

import dev.formgate.web.AcceptHeaders;
import dev.formgate.web.ProblemType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes the gateway's own error answers. Details are fixed texts chosen here: never an exception message, a class
 * or service name, or anything the client sent.
 */
public final class Problems {

	private Problems() {
	}

	/** A problem the gateway answers with; {@code type} is appended to {@value ProblemType#BASE}. */
	public record Problem(HttpStatus status, String type, String title, String detail, String pageTextDe,
			String pageTextEn, Duration retryAfter) {

		/** The catalogued type with its texts. */
		public static Problem of(ProblemType type) {
			return new Problem(HttpStatus.valueOf(type.status()), type.slug(), type.title(), type.detail(),
					type.pageText(false), type.pageText(true), null);
		}

		public Problem withDetail(String text) {
			return new Problem(status, type, title, text, pageTextDe, pageTextEn, retryAfter);
		}

		public Problem retryAfter(Duration wait) {
			return new Problem(status, type, title, detail, pageTextDe, pageTextEn, wait);
		}
	}

	/** The status, headers and body of a problem's answer, as this request should see it. */
	public record Rendered(HttpStatus status, HttpHeaders headers, byte[] body) {
	}

	public static Rendered render(ServerHttpRequest request, Problem problem) {
		HttpHeaders headers = new HttpHeaders();
		if (problem.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, problem.retryAfter().toSeconds())));
		}
		if (problem.status() == HttpStatus.UNAUTHORIZED) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"formgate-admin\"");
		}
		String body;
		if (wantsHtml(request)) {
			headers.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
			body = page(request, problem);
		}
		else {
			headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			body = json(problem);
		}
		return new Rendered(problem.status(), headers, body.getBytes(StandardCharsets.UTF_8));
	}

	/** The problem details document, for answers given before there is a request to ask what it accepts. */
	public static String json(Problem problem) {
		return "{\"type\":\"" + ProblemType.BASE + problem.type() + "\",\"title\":\"" + problem.title()
				+ "\",\"status\":" + problem.status().value() + ",\"detail\":\"" + problem.detail() + "\"}";
	}

	public static Mono<Void> write(ServerWebExchange exchange, Problem problem) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		Rendered rendered = render(exchange.getRequest(), problem);
		response.setStatusCode(rendered.status());
		response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
		response.getHeaders().putAll(rendered.headers());
		DataBuffer buffer = response.bufferFactory().wrap(rendered.body());
		return response.writeWith(Mono.just(buffer));
	}

	private static String page(ServerHttpRequest request, Problem problem) {
		boolean english = "en".equals(request.getQueryParams().getFirst("lang"))
				|| request.getPath().value().startsWith("/en") || prefersEnglish(request);
		String text = HtmlUtils.htmlEscape(english ? problem.pageTextEn() : problem.pageTextDe());
		String back = english ? "Back to the start page" : "Zurück zur Startseite";
		return "<!doctype html><html lang=\"" + (english ? "en" : "de") + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<link rel=\"stylesheet\" href=\"/assets/formgate.css\"><title>" + problem.status().value() + " – "
				+ problem.title() + "</title></head><body><main><h1>" + problem.title() + "</h1><p>" + text
				+ "</p><p><a href=\"" + (english ? "/en" : "/") + "\">" + back + "</a></p></main></body></html>";
	}

	private static boolean prefersEnglish(ServerHttpRequest request) {
		try {
			var languages = request.getHeaders().getAcceptLanguageAsLocales();
			return !languages.isEmpty() && "en".equals(languages.getFirst().getLanguage());
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/** Browsers (HTML preferred over JSON) get pages; everything else gets problem details. */
	public static boolean wantsHtml(ServerHttpRequest request) {
		return AcceptHeaders.prefersHtml(request.getHeaders().getFirst(HttpHeaders.ACCEPT));
	}
}
