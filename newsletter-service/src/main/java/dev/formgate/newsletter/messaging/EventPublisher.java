package dev.formgate.newsletter.messaging;

import dev.formgate.events.NewsletterEvent;
import dev.formgate.events.SubjectRef;
import dev.formgate.outbox.CloudEventsPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Sends newsletter events to {@code newsletter.events} in CloudEvents binary mode. The binding is synchronous: when
 * {@link #publish} returns, the broker has acknowledged the record (acks=all), so the outbox entry may go.
 */
@Component
public class EventPublisher {

	static final String BINDING = "newsletterEvents-out-0";
	static final String SOURCE = "/formgate/newsletter-service";

	private final CloudEventsPublisher publisher;

	EventPublisher(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		this.publisher = new CloudEventsPublisher(bridge, breakers.circuitBreaker("kafka"), BINDING, SOURCE);
	}

	/**
	 * Throws if the broker did not acknowledge, or at once while the Kafka circuit breaker is open. The traceparent
	 * (may be null) is that of the request that owed the event.
	 */
	public void publish(SubjectRef key, String eventId, NewsletterEvent event, String traceparent) {
		publisher.publish(key, eventId, event, event.occurredAt(), traceparent);
	}
}
