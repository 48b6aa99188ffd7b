package dev.formgate.service;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Puts {@value #RESOURCE} (the settings every service shares: management, resilience4j, the Kafka binder, admin
 * tokens, the shared secrets' profiles) below everything else, so that a service's application.yml overrides any of
 * it. Its profile documents apply with their profile, and above the file's base document.
 */
public class SharedDefaults implements EnvironmentPostProcessor, Ordered {

	static final String RESOURCE = "formgate-defaults.yml";
	static final String NAME = "formgate-defaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().stream().anyMatch(s -> s.getName().startsWith(NAME))) {
			return;
		}
		List<PropertySource<?>> documents;
		try {
			documents = new YamlPropertySourceLoader().load(NAME, new ClassPathResource(RESOURCE));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + RESOURCE, e);
		}
		// Base document first, then the profile documents: each addLast ranks below what is already there, so add
		// the matching profile documents first and the base document last.
		for (int i = documents.size() - 1; i >= 1; i--) {
			Object profile = documents.get(i).getProperty("spring.config.activate.on-profile");
			if (profile != null && Arrays.asList(environment.getActiveProfiles()).contains(profile.toString())) {
				environment.getPropertySources().addLast(documents.get(i));
			}
		}
		environment.getPropertySources().addLast(documents.get(0));
	}

	/** After the config data (application.yml, profiles) is loaded, so the active profiles are known. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
