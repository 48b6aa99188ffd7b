package dev.formgate.gateway.security;

import dev.formgate.gateway.errors.Catalogue;
import dev.formgate.gateway.errors.Problems;
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
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * CORS for the configured websites only. The public form API accepts their origins and the gateway's own; every other
 * path only the gateway's own. {@code Origin: null} never matches, and a refused origin gets a 403 problem.
 */
@Component
@Order(-99)
class CrossOrigin implements WebFilter {

	private final UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
	private final CorsProcessor processor = new DefaultCorsProcessor();

	CrossOrigin(SecurityProperties properties) {
		String own = origin(properties.publicOrigin());
		List<String> websites = new ArrayList<>(List.of(own));
		properties.allowedOrigins().stream().map(CrossOrigin::origin).filter(o -> !"null".equals(o))
			.forEach(websites::add);
		CorsConfiguration publicApi = new CorsConfiguration();
		publicApi.setAllowedOrigins(websites);
		publicApi.setAllowedMethods(List.of("GET", "POST"));
		publicApi.setAllowedHeaders(List.of("Content-Type", "Accept", "Accept-Language", "Altcha"));
		publicApi.setAllowCredentials(false);
		publicApi.setMaxAge(Duration.ofHours(1));
		source.registerCorsConfiguration("/api/newsletter/**", publicApi);
		source.registerCorsConfiguration("/api/contact/**", publicApi);
		source.registerCorsConfiguration("/api/comments/**", publicApi);
		source.registerCorsConfiguration("/api/altcha/**", publicApi);
		// The comments script, its stylesheet and the proof-of-work widget, for the websites that embed them (module
		// scripts are fetched with CORS).
		source.registerCorsConfiguration("/assets/**", publicApi);
		// Pages and admin calls: only the gateway's own pages; admin tools do not run in a website's script.
		CorsConfiguration ownOnly = new CorsConfiguration();
		ownOnly.setAllowedOrigins(List.of(own));
		ownOnly.setAllowedMethods(List.of("GET", "POST"));
		source.registerCorsConfiguration("/**", ownOnly);
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
		CorsConfiguration configuration = source.getCorsConfiguration(exchange);
		if (!processor.process(configuration, exchange)) {
			return Problems.write(exchange, Catalogue.FORBIDDEN_ORIGIN);
		}
		return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
	}
}
