package dev.formgate.gateway.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Serves the demo page at {@code /} (German) and {@code /en} (English), and the "Meine Daten" page, where people
 * exercise their data rights, at {@code /meine-daten} and {@code /en/my-data}, and a blog post with comments at
 * {@code /blog} and {@code /en/blog}. Plain HTML forms; only the proof of work and the comments (the embeddable
 * {@code /assets/comments/comments.js}) need a script.
 */
@Configuration(proxyBeanMethods = false)
class DemoPages {

	@Bean
	RouterFunction<ServerResponse> demoPageRoutes() {
		var german = new ClassPathResource("demo/index.de.html");
		var english = new ClassPathResource("demo/index.en.html");
		var myDataGerman = new ClassPathResource("demo/my-data.de.html");
		var myDataEnglish = new ClassPathResource("demo/my-data.en.html");
		var blogGerman = new ClassPathResource("demo/blog.de.html");
		var blogEnglish = new ClassPathResource("demo/blog.en.html");
		return route(GET("/"), request -> page(german)).andRoute(GET("/en"), request -> page(english))
			.andRoute(GET("/meine-daten"), request -> page(myDataGerman))
			.andRoute(GET("/en/my-data"), request -> page(myDataEnglish))
			.andRoute(GET("/blog"), request -> page(blogGerman)).andRoute(GET("/en/blog"), request -> page(blogEnglish));
	}

	private static reactor.core.publisher.Mono<ServerResponse> page(ClassPathResource page) {
		return ServerResponse.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.bodyValue(page);
	}
}
