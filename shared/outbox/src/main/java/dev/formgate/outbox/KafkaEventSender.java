package dev.formgate.outbox;

import dev.formgate.events.CloudEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends recorded events to one topic through a plain Kafka producer (acks=all, idempotent), in the same CloudEvents
 * binary mode as {@link CloudEventsPublisher}: for an application without the Spring Cloud Stream binder that sends a
 * record now and then (the gateway's inventory announcement). Returns once the broker acknowledged.
 */
public final class KafkaEventSender implements EventSender, AutoCloseable {

	private static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(30);

	private final KafkaProducer<byte[], byte[]> producer;
	private final String topic;
	private final String source;

	public KafkaEventSender(String bootstrapServers, String topic, String source) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
				ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000), new ByteArraySerializer(), new ByteArraySerializer());
		this.topic = topic;
		this.source = source;
	}

	/** Throws if the broker did not acknowledge in time. */
	@Override
	public void send(OutboxEvent event) {
		var record = new ProducerRecord<>(topic, bytes(event.key()), bytes(event.data()));
		event.cloudEventsHeaders(source).forEach((name, value) -> record.headers().add(name, value));
		record.headers().add(CloudEvents.DATA_CONTENT_TYPE, bytes("application/json"));
		try {
			producer.send(record).get(ACKNOWLEDGED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException e) {
			throw new IllegalStateException("event not acknowledged by the broker", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the event was sent", e);
		}
	}

	@Override
	public void close() {
		producer.close(Duration.ofSeconds(2));
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}
}
