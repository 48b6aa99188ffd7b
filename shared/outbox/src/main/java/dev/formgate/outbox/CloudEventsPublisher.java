package dev.formgate.outbox;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.SubjectRef;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends an event record to an output binding in CloudEvents binary mode, keyed by subjectRef, through a circuit
 * breaker. Bound synchronously ({@code producer.sync: true}), {@link #publish} returns only after the broker has
 * acknowledged the record, so the outbox entry may go.
 */
public final class CloudEventsPublisher {

	private final StreamBridge bridge;
	private final CircuitBreaker breaker;
	private final String binding;
	private final byte[] source;

	/**
	 * @param binding the output binding, e.g. {@code contactEvents-out-0}
	 * @param source the CloudEvents source, e.g. {@code /formgate/contact-service}
	 */
	public CloudEventsPublisher(StreamBridge bridge, CircuitBreaker breaker, String binding, String source) {
		this.bridge = bridge;
		this.breaker = breaker;
		this.binding = binding;
		this.source = bytes(source);
	}

	/** Throws if the broker did not acknowledge, or at once while the circuit breaker is open. */
	public void publish(SubjectRef key, String eventId, Object event, Instant occurredAt) {
		publish(key.value(), eventId, event, occurredAt);
	}

	/**
	 * Publishes as part of the trace of the request that owed the event (its {@code traceparent}, kept in the outbox
	 * entry; null starts a new trace), so the record's trace header continues that trace.
	 */
	public void publish(SubjectRef key, String eventId, Object event, Instant occurredAt, String traceparent) {
		TraceParents.runWithin(traceparent, () -> publish(key.value(), eventId, event, occurredAt));
	}

	/** Keyed by something other than a subject, e.g. a store's name on the compacted inventory topic. */
	public void publish(String key, String eventId, Object event, Instant occurredAt) {
		var message = MessageBuilder.withPayload(event)
			.setHeader(KafkaHeaders.KEY, bytes(key))
			.setHeader(CloudEvents.ID, bytes(eventId))
			.setHeader(CloudEvents.SOURCE, source)
			.setHeader(CloudEvents.TYPE, bytes(CloudEvents.typeOf(event.getClass())))
			.setHeader(CloudEvents.SPECVERSION, bytes(CloudEvents.SPEC_VERSION))
			.setHeader(CloudEvents.TIME, bytes(occurredAt.toString()))
			.build();
		breaker.executeRunnable(() -> {
			if (!bridge.send(binding, message, MimeTypeUtils.APPLICATION_JSON)) {
				throw new IllegalStateException("event not accepted by binding " + binding);
			}
		});
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}
}
