package dev.formgate.testing;

import dev.formgate.events.CloudEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends poison records to a consumed topic as a broken producer would, and reads the dead-letter topics, for the
 * tests that poison lands there without leaking what it carried.
 */
public class DeadLetterProbe implements AutoCloseable {

	/** A type no consumer knows. */
	public static final String UNKNOWN_TYPE = CloudEvents.TYPE_PREFIX + "unknown.SomethingHappened";

	private final String brokers;
	private final KafkaProducer<byte[], byte[]> producer;
	private final Map<String, EventLog> deadLetters = new ConcurrentHashMap<>();

	public DeadLetterProbe(String brokers) {
		this.brokers = brokers;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class, ProducerConfig.ACKS_CONFIG,
				"all"));
	}

	/** A poison record: what it is, its value and the type its headers claim. */
	public record Poison(String name, byte[] value, String type) {
	}

	/**
	 * Invalid JSON, valid JSON of an unknown type, and JSON of a known type with the address in its broken part (a
	 * parser's message would quote it).
	 */
	public static List<Poison> poisons(String address, String knownType) {
		return List.of(new Poison("invalid JSON", bytes("{\"occurredAt\": \"" + address + "\", "), knownType),
				new Poison("unknown type", bytes("{\"email\":\"" + address + "\"}"), UNKNOWN_TYPE),
				new Poison("address in the broken part", bytes("{\"occurredAt\":\"2026-11-25T10:00:00Z\", \"x\": "
						+ address + "}"), knownType));
	}

	/** Sends the value with CloudEvents headers; returns its id. */
	public String send(String topic, String key, byte[] value, String type) {
		String id = UUID.randomUUID().toString();
		send(topic, key, value, type, id);
		return id;
	}

	public void send(String topic, String key, byte[] value, String type, String id) {
		var record = new ProducerRecord<>(topic, key == null ? null : bytes(key), value);
		record.headers().add(CloudEvents.ID, bytes(id))
			.add(CloudEvents.SOURCE, bytes("/formgate/test"))
			.add(CloudEvents.TYPE, bytes(type))
			.add(CloudEvents.SPECVERSION, bytes(CloudEvents.SPEC_VERSION))
			.add(CloudEvents.TIME, bytes(Instant.now().toString()))
			.add(CloudEvents.DATA_CONTENT_TYPE, bytes("application/json"));
		try {
			producer.send(record).get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		catch (ExecutionException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The dead letter with this CloudEvents id, once it is on the dead-letter topic. */
	public ConsumerRecord<byte[], byte[]> awaitDeadLetter(String deadLetterTopic, String eventId) {
		return deadLetters.computeIfAbsent(deadLetterTopic, topic -> new EventLog(brokers, topic))
			.awaitRecords(r -> EventLog.header(r, CloudEvents.ID).equals(eventId), 1).getFirst();
	}

	/** Every record on the dead-letter topic so far. */
	public List<ConsumerRecord<byte[], byte[]>> deadLetters(String deadLetterTopic) {
		return deadLetters.computeIfAbsent(deadLetterTopic, topic -> new EventLog(brokers, topic)).all();
	}

	/** Neither key nor any header carries any of the texts; only the safe headers are there. */
	public static void assertNothingLeaks(ConsumerRecord<byte[], byte[]> deadLetter, String... texts) {
		String key = deadLetter.key() == null ? "" : new String(deadLetter.key(), StandardCharsets.UTF_8);
		String headers = EventLog.headers(deadLetter);
		for (String text : texts) {
			assertThat(key).doesNotContain(text);
			assertThat(headers).doesNotContain(text);
		}
		deadLetter.headers().forEach(h -> assertThat(h.key()).matches("ce_(id|type|source|specversion|time)"
				+ "|content-?[tT]ype|kafka_dlt-(original-(topic|partition|offset|timestamp|timestamp-type|consumer-group)"
				+ "|exception-(fqcn|cause-fqcn))"));
		assertThat(EventLog.header(deadLetter, "kafka_dlt-exception-fqcn")).isNotBlank();
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		producer.close();
		deadLetters.values().forEach(EventLog::close);
	}
}
