package dev.formgate.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.StreamReadFeature;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the shared HTTP plumbing in every servlet service that has this module on its class path. Runs before
 * Boot's MVC and error configurations so that its locale resolver and error controller step aside for ours.
 */
@AutoConfiguration(before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class FormgateWebAutoConfiguration {

	@Bean
	Problems problems() {
		return new Problems();
	}

	/** In place of Boot's error controller: what reaches the error path is a catalogued problem too. */
	@Bean
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	ClientAddresses clientAddresses(WebProperties properties) {
		return new ClientAddresses(properties);
	}

	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	Languages localeResolver() {
		return new Languages();
	}

	/**
	 * Query and form values convert as configuration values do: {@code 30d} or {@code P30D} for a duration,
	 * {@code in-progress} or {@code IN_PROGRESS} for an enum constant; a field bound to one value must come once.
	 */
	@Bean
	WebMvcConfigurer formgateConversions() {
		return new WebMvcConfigurer() {
			@Override
			public void addFormatters(FormatterRegistry registry) {
				ApplicationConversionService.addApplicationConverters(registry);
				if (registry instanceof ConversionService conversions) {
					registry.addConverter(new SingleValues(conversions));
				}
			}
		};
	}

	/**
	 * A JSON object that names a key twice is refused (400) instead of read as its last value: otherwise what a check
	 * before the service read (the gateway's, a log's) need not be what the service uses.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictDuplicateKeys() {
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	/**
	 * Before every other filter, so that every answer carries them, the refusals of the filters below included. All
	 * dispatches: an error page rendered after an exception gets them as well.
	 */
	@Bean
	FilterRegistrationBean<SecurityHeaders> securityHeaders() {
		var registration = new FilterRegistrationBean<>(new SecurityHeaders());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
		return registration;
	}

	/** First of all filters that may refuse a request: an oversized body is refused before anything reads it. */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(WebProperties properties) {
		var registration = new FilterRegistrationBean<>(new RequestBodyLimit(properties));
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

	/**
	 * Right after the character-encoding filter ({@code HIGHEST_PRECEDENCE}) and the observation filter ({@code +1}):
	 * the query and form are parsed here, as UTF-8, before anything else reads them.
	 */
	@Bean
	FilterRegistrationBean<RequestParameters> requestParameters() {
		var registration = new FilterRegistrationBean<>(new RequestParameters());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/** Tomcat's own refusals get a catalogued problem too, not Tomcat's HTML report. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.core.StandardHost")
	static class TomcatErrorReports {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
			return factory -> factory.addContextCustomizers((TomcatContextCustomizer) context -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemReportValve.class.getName());
				}
			});
		}
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
