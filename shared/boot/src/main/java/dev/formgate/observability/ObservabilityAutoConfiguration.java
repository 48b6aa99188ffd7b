package dev.formgate.observability;

import io.micrometer.observation.ObservationFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** In every service and the gateway: no query string and no e-mail address in any metric tag or span attribute. */
@AutoConfiguration
@ConditionalOnClass(ObservationFilter.class)
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityAutoConfiguration {

	@Bean
	ScrubbedObservations scrubbedObservations() {
		return new ScrubbedObservations();
	}
}
