package dev.formgate.newsletter.subscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

	@Bean
	Tokens tokens(SubscriptionProperties properties) {
		return new Tokens(properties.linkSecret());
	}
}
