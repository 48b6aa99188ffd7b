package dev.formgate.outbox;

import dev.formgate.events.SubjectRef;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends recorded events to an output binding in CloudEvents binary mode, through a circuit breaker: the attributes as
 * {@code ce_} headers, the record key, and the JSON data exactly as recorded. Bound synchronously
 * ({@code producer.sync: true}), {@link #send} returns only after the broker has acknowledged the record, so the
 * outbox entry may go; calls from several threads at once are sent together.
 */
public final class CloudEventsPublisher implements EventSender {

	private final StreamBridge bridge;
	private final CircuitBreaker breaker;
	private final String binding;
	private final String source;

	/**
	 * @param binding the output binding, e.g. {@code contactEvents-out-0}
	 * @param source the CloudEvents source, e.g. {@code /formgate/contact-service}
	 */
	public CloudEventsPublisher(StreamBridge bridge, CircuitBreaker breaker, String binding, String source) {
		this.bridge = bridge;
		this.breaker = breaker;
		this.binding = binding;
		this.source = source;
	}

	/**
	 * Throws if the broker did not acknowledge, or at once while the circuit breaker is open. Sent as part of the
	 * trace of the request that recorded the event, so the record's trace header continues that trace.
	 */
	@Override
	public void send(OutboxEvent event) {
		TraceParents.runWithin(event.traceparent(), () -> sendNow(event));
	}

	/** An event not kept in an outbox (an answer, an announcement), keyed by subject. */
	public void publish(SubjectRef key, String eventId, Object event, Instant occurredAt) {
		send(OutboxEvent.of(eventId, key.value(), event, occurredAt));
	}

	/** An event not kept in an outbox, sent on the trace of the request that owed it (null: a new trace). */
	public void publish(SubjectRef key, String eventId, Object event, Instant occurredAt, String traceparent) {
		OutboxEvent recorded = OutboxEvent.of(eventId, key.value(), event, occurredAt);
		send(new OutboxEvent(recorded.eventId(), recorded.type(), recorded.key(), recorded.time(), recorded.data(),
				traceparent));
	}

	/** Keyed by something other than a subject, e.g. a store's name on the compacted inventory topic. */
	public void publish(String key, String eventId, Object event, Instant occurredAt) {
		send(OutboxEvent.of(eventId, key, event, occurredAt));
	}

	private void sendNow(OutboxEvent event) {
		var message = MessageBuilder.withPayload(bytes(event.data()))
			.setHeader(KafkaHeaders.KEY, bytes(event.key()))
			.copyHeaders(event.cloudEventsHeaders(source))
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
