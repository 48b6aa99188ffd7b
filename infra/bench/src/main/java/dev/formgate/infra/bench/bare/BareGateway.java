package dev.formgate.infra.bench.bare;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Spring Cloud Gateway as its starter comes, one route: every path to {@code BACKEND_URI} (a {@link BareMvc}). What a
 * routed call costs without Formgate's filters, breaker, security, tracing and logs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = BareWebFlux.TOMCAT_REACTIVE)
public class BareGateway {

	/** {@code PORT} is where it listens, {@code BACKEND_URI} where it routes to. */
	public static void main(String[] args) {
		new SpringApplicationBuilder(BareGateway.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=${PORT}", "spring.main.banner-mode=off",
					"spring.cloud.gateway.server.webflux.routes[0].id=backend",
					"spring.cloud.gateway.server.webflux.routes[0].uri=${BACKEND_URI}",
					"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**")
			.run(args);
	}
}
