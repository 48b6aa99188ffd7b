package dev.formgate.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer group of its own, as a real consumer of a topic behaves: it commits after processing and drops events
 * whose CloudEvents id it has seen (redeliveries after a broker bounce). Counts the events of one type per key.
 */
final class EventCounter implements AutoCloseable {

	private final KafkaConsumer<byte[], byte[]> consumer;
	private final String typeSuffix;
	private final Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
	private final AtomicInteger deliveries = new AtomicInteger();
	private final Thread worker;
	private volatile boolean running = true;

	private EventCounter(LocalStack stack, String topic, String typeSuffix, String group) {
		this.typeSuffix = typeSuffix;
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
		consumer.subscribe(List.of(topic));
		this.worker = Thread.ofPlatform().name("event-counter-" + group).daemon().start(this::loop);
	}

	static EventCounter start(LocalStack stack, String topic, String typeSuffix, String group) {
		return new EventCounter(stack, topic, typeSuffix, group);
	}

	private void loop() {
		while (running) {
			try {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (header(record, "ce_type").endsWith(typeSuffix)) {
						deliveries.incrementAndGet();
						idsByKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8),
								k -> ConcurrentHashMap.newKeySet()).add(header(record, "ce_id"));
					}
				}
				consumer.commitSync();
			}
			catch (RuntimeException e) {
				// The broker is away: what was not committed comes again, and the ids drop it.
				if (!running) {
					return;
				}
			}
		}
	}

	static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
	}

	/** Distinct events (by id) counted per key, for the given keys. */
	Map<String, Integer> distinctPerKey(Set<String> keys) {
		Map<String, Integer> counts = new ConcurrentHashMap<>();
		for (String key : keys) {
			counts.put(key, idsByKey.getOrDefault(key, Set.of()).size());
		}
		return counts;
	}

	/** Deliveries of matching events beyond the distinct ones: what the id check dropped. */
	int redeliveries() {
		return deliveries.get() - idsByKey.values().stream().mapToInt(Set::size).sum();
	}

	@Override
	public void close() throws InterruptedException {
		running = false;
		consumer.wakeup();
		worker.join(5000);
		consumer.close(Duration.ofSeconds(2));
	}
}
