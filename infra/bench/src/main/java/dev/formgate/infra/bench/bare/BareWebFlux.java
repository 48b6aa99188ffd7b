package dev.formgate.infra.bench.bare;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /hello} answers {@code 200 hello} on WebFlux and Netty, the gateway's server: its ceiling alone. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = BareWebFlux.TOMCAT_REACTIVE)
public class BareWebFlux {

	/** The harness's jar carries Tomcat too (for {@link BareMvc}); reactive applications here run on Netty. */
	static final String TOMCAT_REACTIVE = "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

	@Bean
	RouterFunction<ServerResponse> hello() {
		return RouterFunctions.route().GET("/hello", request -> ServerResponse.ok().bodyValue("hello")).build();
	}

	/** {@code PORT} in the environment is where it listens. */
	public static void main(String[] args) {
		new SpringApplicationBuilder(BareWebFlux.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=${PORT}", "spring.main.banner-mode=off").run(args);
	}
}
