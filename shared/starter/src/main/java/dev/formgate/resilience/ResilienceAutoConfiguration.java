package dev.formgate.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@link StoreCalls} for the servlet services, from Resilience4j's registries (so the instances take their settings
 * from {@code resilience4j.bulkhead.instances.store-intake} and {@code resilience4j.circuitbreaker.instances.mongo},
 * and show in health and metrics).
 */
@AutoConfiguration
@ConditionalOnClass({ BulkheadRegistry.class, CircuitBreakerRegistry.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ResilienceAutoConfiguration {

	@Bean
	StoreCalls storeCalls(ObjectProvider<BulkheadRegistry> bulkheads, ObjectProvider<CircuitBreakerRegistry> breakers) {
		return new StoreCalls(bulkheads.getIfAvailable(BulkheadRegistry::ofDefaults).bulkhead(StoreCalls.BULKHEAD),
				breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults).circuitBreaker(StoreCalls.BREAKER));
	}
}
