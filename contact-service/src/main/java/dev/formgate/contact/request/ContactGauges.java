package dev.formgate.contact.request;

import dev.formgate.observability.CachedValue;
import dev.formgate.observability.ObservabilityProperties;
import dev.formgate.observability.OutboxGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Gauges read from the contact requests, each at most once per {@code formgate.observability.gauge-refresh}. */
@Configuration(proxyBeanMethods = false)
class ContactGauges {

	/** formgate.outbox.mails and formgate.outbox.events: what the requests still owe SMTP and Kafka. */
	@Bean
	OutboxGauges outboxGauges(MongoTemplate mongo, ObservabilityProperties observability) {
		return new OutboxGauges(mongo, ContactRequests.COLLECTION, true, observability.gaugeRefresh());
	}

	@Bean
	MeterBinder overdueContactRequests(ContactRequestService requests, ObservabilityProperties observability) {
		var overdue = new CachedValue<>(requests::countOverdue, 0L, observability.gaugeRefresh());
		return registry -> Gauge.builder("formgate.contact.requests.overdue", overdue, o -> o.get())
			.description("Open contact requests older than formgate.contact.overdue-after")
			.register(registry);
	}
}
