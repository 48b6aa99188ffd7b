package dev.formgate.gateway.errors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The circuit breakers' fallback: a service that is down, slow past its time limit, or behind an open breaker gets a
 * fast {@code 503} with {@code Retry-After}, never a hang. Forwarded to internally, so any method lands here.
 */
@Configuration(proxyBeanMethods = false)
class Unavailable {

	static final String PATH = "/fallback/unavailable";

	@Bean
	RouterFunction<ServerResponse> unavailableFallback(ErrorProperties properties) {
		var problem = Catalogue.UNAVAILABLE.retryAfter(properties.retryAfter());
		return route(path(PATH), request -> {
			var rendered = Problems.render(request.exchange().getRequest(), problem);
			return ServerResponse.status(rendered.status())
				.headers(headers -> headers.putAll(rendered.headers()))
				.bodyValue(rendered.body());
		});
	}
}
