package dev.formgate.infra.bench.bare;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

import java.util.List;

/**
 * Keeps out of the bare applications the auto-configurations that the harness's jar carries for its own sake:
 * Formgate's (from the shared modules), Spring Security's and the MongoDB client's (from the local stack's token
 * minting and test support), Spring Boot's test slices. The bare applications are measured as Spring Boot gives a
 * WebFlux, Spring MVC or Spring Cloud Gateway application, with nothing of Formgate added.
 */
public final class BareClasspath implements AutoConfigurationImportFilter {

	private static final List<String> NOT_BARE = List.of("dev.formgate.", "org.springframework.boot.security.",
			"org.springframework.boot.mongodb.", "org.springframework.boot.test.");

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			String name = autoConfigurationClasses[i];
			match[i] = name == null || NOT_BARE.stream().noneMatch(name::startsWith);
		}
		return match;
	}
}
