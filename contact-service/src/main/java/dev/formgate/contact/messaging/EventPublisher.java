package dev.formgate.contact.messaging;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.ContactEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;

/**
 * Sends contact events to {@code contact.events} in CloudEvents binary mode, keyed by subjectRef. The binding is
 * synchronous: when {@link #publish} returns, the broker has acknowledged the record (acks=all), so the outbox entry
 * may go.
 */
@Component
public class EventPublisher {

	static final String BINDING = "contactEvents-out-0";
	static final String SOURCE = "/formgate/contact-service";

	private final StreamBridge bridge;
	private final CircuitBreaker breaker;

	EventPublisher(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		this.bridge = bridge;
		this.breaker = breakers.circuitBreaker("kafka");
	}

	/** Throws if the broker did not acknowledge, or at once while the Kafka circuit breaker is open. */
	public void publish(String eventId, ContactEvent event) {
		var message = MessageBuilder.withPayload(event)
			.setHeader(KafkaHeaders.KEY, bytes(event.subjectRef().value()))
			.setHeader(CloudEvents.ID, bytes(eventId))
			.setHeader(CloudEvents.SOURCE, bytes(SOURCE))
			.setHeader(CloudEvents.TYPE, bytes(CloudEvents.typeOf(event.getClass())))
			.setHeader(CloudEvents.SPECVERSION, bytes(CloudEvents.SPEC_VERSION))
			.setHeader(CloudEvents.TIME, bytes(event.occurredAt().toString()))
			.build();
		breaker.executeRunnable(() -> {
			if (!bridge.send(BINDING, message, MimeTypeUtils.APPLICATION_JSON)) {
				throw new IllegalStateException("event not accepted by binding " + BINDING);
			}
		});
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}
}
