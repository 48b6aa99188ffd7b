package dev.formgate.erasure.messaging;

import dev.formgate.events.PrivacyEvent;
import dev.formgate.outbox.CloudEventsPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Sends privacy requests to {@code privacy.requests} in CloudEvents binary mode, keyed by subjectRef so one
 * subject's requests stay in order. The binding is synchronous: when {@link #publish} returns, the broker has
 * acknowledged the record (acks=all), so the outbox entry may go.
 */
@Component
public class RequestPublisher {

	static final String BINDING = "privacyRequests-out-0";
	static final String SOURCE = "/formgate/erasure-service";

	private final CloudEventsPublisher publisher;

	RequestPublisher(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		this.publisher = new CloudEventsPublisher(bridge, breakers.circuitBreaker("kafka"), BINDING, SOURCE);
	}

	/** Throws if the broker did not acknowledge, or at once while the Kafka circuit breaker is open. */
	public void publish(String eventId, PrivacyEvent event, String traceparent) {
		publisher.publish(event.subjectRef(), eventId, event, event.occurredAt(), traceparent);
	}
}
