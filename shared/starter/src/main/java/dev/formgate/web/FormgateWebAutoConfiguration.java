package dev.formgate.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Registers the shared HTTP plumbing in every servlet service that has this module on its class path. Runs before
 * Boot's MVC configuration so that its locale resolver and problem-details handler step aside for ours.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class FormgateWebAutoConfiguration {

	@Bean
	Problems problems() {
		return new Problems();
	}

	@Bean
	ClientAddresses clientAddresses(WebProperties properties) {
		return new ClientAddresses(properties);
	}

	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	Languages localeResolver() {
		return new Languages();
	}

	/** First of all filters: an oversized body is refused before anything reads it. */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(WebProperties properties, Problems problems) {
		var registration = new FilterRegistrationBean<>(new RequestBodyLimit(properties, problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Right after the body limit: a path in any but its canonical spelling is refused before a handler is chosen. */
	@Bean
	FilterRegistrationBean<CanonicalPathFilter> canonicalPathFilter() {
		var registration = new FilterRegistrationBean<>(new CanonicalPathFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/** Store outages answer 503 in every service with a MongoDB store and Resilience4j. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "com.mongodb.MongoException", "org.springframework.dao.DataAccessException",
			"io.github.resilience4j.circuitbreaker.CallNotPermittedException" })
	static class StoreOutagesConfiguration {

		@Bean
		StoreOutages storeOutages(WebProperties properties) {
			return new StoreOutages(properties.storeRetryAfter());
		}

		@Bean
		@ConditionalOnClass(name = "io.github.resilience4j.bulkhead.BulkheadFullException")
		StoreOutages.Bulkheads bulkheadOutages(StoreOutages outages) {
			return new StoreOutages.Bulkheads(outages);
		}
	}
}
