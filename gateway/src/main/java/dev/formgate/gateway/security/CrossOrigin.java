package dev.formgate.gateway.security;

import dev.formgate.gateway.errors.Catalogue;
import dev.formgate.gateway.errors.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CORS for the configured websites only. The public form API accepts their origins and the gateway's own; the comments
 * API, for the site a request names ({@code ?site=}), only that site's origins and the gateway's own
 * ({@link CommentSites}); every other path only the gateway's own. {@code Origin: null} never matches, and a refused
 * origin gets a 403 problem. Everything is decided from the request line and headers against configuration held in
 * memory, before any other filter that could wait (security, rate limits, the store): a preflight waits for nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class CrossOrigin implements WebFilter {

	static final PathPattern COMMENTS = PathPatternParser.defaultInstance.parse("/api/comments/**");

	private final UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
	private final CorsProcessor processor = new DefaultCorsProcessor();
	private final CorsConfiguration ownCommentsOnly;
	private final Map<String, CorsConfiguration> commentSites = new HashMap<>();

	CrossOrigin(SecurityProperties properties, CommentSites sites) {
		String own = origin(properties.publicOrigin());
		List<String> websites = new ArrayList<>(List.of(own));
		properties.allowedOrigins().stream().map(CrossOrigin::origin).filter(o -> !"null".equals(o))
			.forEach(websites::add);
		CorsConfiguration publicApi = publicApi(websites);
		source.registerCorsConfiguration("/api/newsletter/**", publicApi);
		source.registerCorsConfiguration("/api/contact/**", publicApi);
		ownCommentsOnly = publicApi(List.of(own));
		List<String> embedding = new ArrayList<>(websites);
		sites.sites().forEach((site, configured) -> {
			List<String> origins = new ArrayList<>(List.of(own));
			configured.origins().stream().map(CrossOrigin::origin).filter(o -> !"null".equals(o))
				.forEach(origins::add);
			commentSites.put(site, publicApi(origins));
			origins.stream().filter(o -> !embedding.contains(o)).forEach(embedding::add);
		});
		// The proof-of-work challenge, the comments script, its stylesheet and the widget: for every website that
		// embeds a form or the comments (module scripts are fetched with CORS).
		CorsConfiguration embedded = publicApi(embedding);
		source.registerCorsConfiguration("/api/altcha/**", embedded);
		source.registerCorsConfiguration("/assets/**", embedded);
		// Pages and admin calls: only the gateway's own pages; admin tools do not run in a website's script.
		CorsConfiguration ownOnly = new CorsConfiguration();
		ownOnly.setAllowedOrigins(List.of(own));
		ownOnly.setAllowedMethods(List.of("GET", "POST"));
		source.registerCorsConfiguration("/**", ownOnly);
	}

	private static CorsConfiguration publicApi(List<String> origins) {
		CorsConfiguration publicApi = new CorsConfiguration();
		publicApi.setAllowedOrigins(origins);
		publicApi.setAllowedMethods(List.of("GET", "POST"));
		publicApi.setAllowedHeaders(List.of("Content-Type", "Accept", "Accept-Language", "Altcha"));
		publicApi.setAllowCredentials(false);
		publicApi.setMaxAge(Duration.ofHours(1));
		return publicApi;
	}

	/**
	 * The comments API's rule: the origins of the one site the query names; a request that names none, or more than
	 * one, or a site not configured, is allowed from the gateway's own pages only.
	 */
	private CorsConfiguration configuration(ServerWebExchange exchange) {
		var request = exchange.getRequest();
		if (!COMMENTS.matches(request.getPath().pathWithinApplication())) {
			return source.getCorsConfiguration(exchange);
		}
		List<String> named = request.getQueryParams().get("site");
		if (named == null || named.size() != 1) {
			return ownCommentsOnly;
		}
		return commentSites.getOrDefault(named.getFirst(), ownCommentsOnly);
	}

	private static String origin(String url) {
		URI uri = URI.create(url.strip());
		if (uri.getScheme() == null || uri.getHost() == null) {
			return "null";
		}
		return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		boolean cors;
		try {
			cors = CorsUtils.isCorsRequest(exchange.getRequest());
		}
		catch (IllegalArgumentException unparseable) {
			// An Origin that is no origin (http://x:abc): refused like any origin not on the list.
			return Problems.write(exchange, Catalogue.FORBIDDEN_ORIGIN);
		}
		if (!cors) {
			return chain.filter(exchange);
		}
		CorsConfiguration configuration = configuration(exchange);
		if (!processor.process(configuration, exchange)) {
			return Problems.write(exchange, Catalogue.FORBIDDEN_ORIGIN);
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			// Answered here, without a body: framed explicitly, so a client on a kept-alive connection never waits
			// for more of it.
			exchange.getResponse().getHeaders().setContentLength(0);
			return exchange.getResponse().setComplete();
		}
		return chain.filter(exchange);
	}
}
