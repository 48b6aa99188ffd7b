package dev.formgate.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Everything on one topic, read from the start with a plain Kafka consumer, as raw bytes. */
public class EventLog implements AutoCloseable {

	private final KafkaConsumer<byte[], byte[]> consumer;
	private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

	public EventLog(String brokers, String topic) {
		consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
		List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
			.map(p -> new TopicPartition(p.topic(), p.partition())).toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
	}

	/** All records read so far, after reading what is there now. */
	public synchronized List<ConsumerRecord<byte[], byte[]>> all() {
		consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
		return List.copyOf(seen);
	}

	public List<ConsumerRecord<byte[], byte[]>> awaitRecords(Predicate<ConsumerRecord<byte[], byte[]>> matching,
			int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> all().stream().filter(matching).count() >= count);
		return all().stream().filter(matching).toList();
	}

	public static String key(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.key(), StandardCharsets.UTF_8);
	}

	public static String value(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.value(), StandardCharsets.UTF_8);
	}

	public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
	}

	/** Every header as text, for assertions that nothing personal travels in them. */
	public static String headers(ConsumerRecord<byte[], byte[]> record) {
		StringBuilder all = new StringBuilder();
		record.headers().forEach(h -> all.append(h.key()).append('=')
			.append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).append('\n'));
		return all.toString();
	}

	/** Key, headers and value as one text, for assertions that nothing personal travels anywhere in a record. */
	public static String everything(ConsumerRecord<byte[], byte[]> record) {
		return key(record) + '\n' + headers(record) + value(record);
	}

	@Override
	public synchronized void close() {
		consumer.close();
	}
}
