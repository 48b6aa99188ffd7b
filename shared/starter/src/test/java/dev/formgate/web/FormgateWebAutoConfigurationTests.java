package dev.formgate.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

class FormgateWebAutoConfigurationTests {

	static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(FormgateWebAutoConfiguration.class,
			DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class);

	@Test
	void servletServicesGetProblemsLanguagesClientAddressesTheBodyLimitAndThePathRule() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("formgate.web.max-request-body=2KB")
			.run(context -> {
				assertThat(context).hasSingleBean(ClientAddresses.class).hasSingleBean(Problems.class)
					.doesNotHaveBean(ResponseEntityExceptionHandler.class);
				assertThat(context.getBean(ErrorController.class)).as("Boot's error controller steps aside")
					.isInstanceOf(ProblemErrorController.class);
				assertThat(context.getBean("localeResolver", LocaleResolver.class)).isInstanceOf(Languages.class);
				assertThat(context.getBeansOfType(FilterRegistrationBean.class).values().stream()
					.map(FilterRegistrationBean::getFilter))
					.hasAtLeastOneElementOfType(RequestBodyLimit.class)
					.hasAtLeastOneElementOfType(CanonicalPathFilter.class)
					.hasAtLeastOneElementOfType(RequestParameters.class);
				assertThat(context.getBean(WebProperties.class).maxRequestBody().toBytes()).isEqualTo(2048);
				assertThat(context.getBean(WebProperties.class).maxAdminRequestBody().toKilobytes()).isEqualTo(256);
			});
	}

	@Test
	void staysOutOfApplicationsWithoutServletWeb() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run(context -> assertThat(context).doesNotHaveBean(Problems.class).doesNotHaveBean(ClientAddresses.class));
	}
}
