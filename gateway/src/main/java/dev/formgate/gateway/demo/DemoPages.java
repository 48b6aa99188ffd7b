package dev.formgate.gateway.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Serves the demo page at {@code /} (German) and {@code /en} (English). Plain HTML forms, no script needed. */
@Configuration(proxyBeanMethods = false)
class DemoPages {

	@Bean
	RouterFunction<ServerResponse> demoPageRoutes() {
		var german = new ClassPathResource("demo/index.de.html");
		var english = new ClassPathResource("demo/index.en.html");
		return route(GET("/"), request -> page(german)).andRoute(GET("/en"), request -> page(english));
	}

	private static reactor.core.publisher.Mono<ServerResponse> page(ClassPathResource page) {
		return ServerResponse.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.bodyValue(page);
	}
}
