package dev.formgate.newsletter.messaging;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.NewsletterEvent;
import dev.formgate.events.SubjectRef;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;

/**
 * Sends newsletter events to {@code newsletter.events} in CloudEvents binary mode. The binding is synchronous: when
 * {@link #publish} returns, the broker has acknowledged the record (acks=all), so the outbox entry may go.
 */
@Component
public class EventPublisher {

	static final String BINDING = "newsletterEvents-out-0";
	static final String SOURCE = "/formgate/newsletter-service";

	private final StreamBridge bridge;
	private final CircuitBreaker breaker;

	EventPublisher(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		this.bridge = bridge;
		this.breaker = breakers.circuitBreaker("kafka");
	}

	/** Throws if the broker did not acknowledge, or at once while the Kafka circuit breaker is open. */
	public void publish(SubjectRef key, String eventId, NewsletterEvent event) {
		var message = MessageBuilder.withPayload(event)
			.setHeader(KafkaHeaders.KEY, key.value().getBytes(StandardCharsets.UTF_8))
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
