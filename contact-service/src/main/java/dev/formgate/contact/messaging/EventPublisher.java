package dev.formgate.contact.messaging;

import dev.formgate.events.ContactEvent;
import dev.formgate.outbox.CloudEventsPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Sends contact events to {@code contact.events} in CloudEvents binary mode, keyed by subjectRef. The binding is
 * synchronous: when {@link #publish} returns, the broker has acknowledged the record (acks=all), so the outbox entry
 * may go.
 */
@Component
public class EventPublisher {

	static final String BINDING = "contactEvents-out-0";
	static final String SOURCE = "/formgate/contact-service";

	private final CloudEventsPublisher publisher;

	EventPublisher(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		this.publisher = new CloudEventsPublisher(bridge, breakers.circuitBreaker("kafka"), BINDING, SOURCE);
	}

	/** Throws if the broker did not acknowledge, or at once while the Kafka circuit breaker is open. */
	public void publish(String eventId, ContactEvent event, String traceparent) {
		publisher.publish(event.subjectRef(), eventId, event, event.occurredAt(), traceparent);
	}
}
