package dev.formgate.newsletter.subscription;

import dev.formgate.observability.ObservabilityProperties;
import dev.formgate.observability.OutboxGauges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

	@Bean
	Tokens tokens(SubscriptionProperties properties) {
		return new Tokens(properties.linkSecret());
	}

	/** formgate.outbox.mails and formgate.outbox.events: what the subscriptions still owe SMTP and Kafka. */
	@Bean
	OutboxGauges outboxGauges(MongoTemplate mongo, ObservabilityProperties observability) {
		return new OutboxGauges(mongo, "subscriptions", true, observability.gaugeRefresh());
	}
}
