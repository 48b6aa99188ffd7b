package dev.formgate.consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaOperations;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Reads this service's dead-letter topics and replays a dead letter to its original topic with its original key and
 * CloudEvents headers. A replay is recorded in {@value #COLLECTION} (claimed before, completed after publishing), so
 * the same dead letter is replayed once however often the call is repeated; if the service died between the two, the
 * next call publishes again, and the consumer's processed-event check drops the repeat.
 */
public final class DeadLetters {

	public static final String COLLECTION = "dead_letter_replays";

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private final SafeDeadLetters bindings;
	private final Map<String, Object> consumerConfig;
	private final KafkaOperations<byte[], byte[]> template;
	private final MongoTemplate mongo;
	private final ConsumerProperties properties;
	private final Clock clock;

	DeadLetters(SafeDeadLetters bindings, String brokers, KafkaOperations<byte[], byte[]> template, MongoTemplate mongo,
			ConsumerProperties properties, Clock clock) {
		this.bindings = bindings;
		this.consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class, ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
				ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		this.template = template;
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	/** The newest dead letters of every dead-letter topic of this service, newest first. */
	public List<DeadLetter> list() {
		Map<String, Instant> replays = new HashMap<>();
		mongo.findAll(Replay.class).forEach(r -> replays.put(r.id(), r.replayedAt()));
		List<DeadLetter> letters = new ArrayList<>();
		try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig)) {
			for (String topic : bindings.deadLetterTopics().stream().sorted().toList()) {
				List<TopicPartition> partitions = partitions(consumer, topic);
				if (partitions.isEmpty()) {
					continue;
				}
				consumer.assign(partitions);
				Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
				Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
				for (TopicPartition partition : partitions) {
					consumer.seek(partition, Math.max(begins.get(partition),
							ends.get(partition) - properties.deadLetterListLimit()));
				}
				long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
				while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
						&& System.nanoTime() < deadline) {
					for (var record : consumer.poll(Duration.ofMillis(200))) {
						if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
							letters.add(view(record, replays.get(replayId(record.topic(), record.partition(),
									record.offset()))));
						}
					}
				}
			}
		}
		letters.sort(Comparator.comparing(DeadLetter::time).reversed());
		return letters;
	}

	/**
	 * Publishes the dead letter again to its original topic, unless that was done already; returns it with the time of
	 * its (first) replay.
	 */
	public DeadLetter replay(String topic, int partition, long offset) {
		ConsumerRecord<byte[], byte[]> record = read(topic, partition, offset);
		String originalTopic = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ORIGINAL_TOPIC);
		if (originalTopic == null) {
			originalTopic = bindings.originalTopic(topic);
		}
		String id = replayId(topic, partition, offset);
		Replay replay = mongo.findById(id, Replay.class);
		if (replay != null && replay.replayedAt() != null) {
			return view(record, replay.replayedAt());
		}
		if (replay == null) {
			try {
				mongo.insert(new Replay(id, clock.instant(), null));
			}
			catch (DuplicateKeyException e) {
				// Claimed by a concurrent call: publishing once more is harmless, consumers drop repeated ids.
			}
		}
		try {
			template.send(new ProducerRecord<>(originalTopic, null, DeadLetterHeaders.key(record.key()),
					record.value(), DeadLetterHeaders.replayed(record.headers())))
				.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("replay interrupted", e);
		}
		catch (ExecutionException | TimeoutException e) {
			throw new IllegalStateException("Kafka did not accept the replay", e);
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as MongoDB keeps it, so every answer agrees
		mongo.updateFirst(query(where("_id").is(id)), new Update().set("replayedAt", now), Replay.class);
		log.info("Dead letter {}-{}@{} replayed to {}", topic, partition, offset, originalTopic);
		return view(record, now);
	}

	/** Deletes replay markers older than the retention of processed event ids. */
	long purge(Instant olderThan) {
		return mongo.remove(query(where("claimedAt").lt(olderThan)), Replay.class).getDeletedCount();
	}

	private ConsumerRecord<byte[], byte[]> read(String topic, int partition, long offset) {
		if (!bindings.deadLetterTopics().contains(topic) || partition < 0 || offset < 0) {
			throw new DeadLetterNotFound();
		}
		try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig)) {
			TopicPartition tp = new TopicPartition(topic, partition);
			if (partitions(consumer, topic).stream().noneMatch(tp::equals)) {
				throw new DeadLetterNotFound();
			}
			consumer.assign(List.of(tp));
			long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
			long end = consumer.endOffsets(List.of(tp)).get(tp);
			if (offset < begin || offset >= end) {
				throw new DeadLetterNotFound();
			}
			consumer.seek(tp, offset);
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				for (var record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() == offset) {
						return record;
					}
					if (record.offset() > offset) {
						throw new DeadLetterNotFound(); // compacted or a transaction marker
					}
				}
			}
			throw new IllegalStateException("dead letter not read in time");
		}
	}

	private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
		List<PartitionInfo> infos = consumer.partitionsFor(topic);
		return infos == null ? List.of()
				: infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
	}

	private static DeadLetter view(ConsumerRecord<byte[], byte[]> record, Instant replayedAt) {
		Headers headers = record.headers();
		return new DeadLetter(record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()), DeadLetterHeaders.text(headers, DeadLetterHeaders.ORIGINAL_TOPIC),
				number(headers, DeadLetterHeaders.ORIGINAL_PARTITION) == null ? null
						: number(headers, DeadLetterHeaders.ORIGINAL_PARTITION).intValue(),
				number(headers, DeadLetterHeaders.ORIGINAL_OFFSET),
				DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION),
				DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_CAUSE), safeText(headers, "ce_id"),
				safeText(headers, "ce_type"), record.value() == null ? 0 : record.value().length, replayedAt);
	}

	private static String safeText(Headers headers, String key) {
		var header = headers.lastHeader(key);
		return header != null && DeadLetterHeaders.safe(header.value()) ? DeadLetterHeaders.text(headers, key) : null;
	}

	private static Long number(Headers headers, String key) {
		var header = headers.lastHeader(key);
		if (header == null || header.value() == null) {
			return null;
		}
		ByteBuffer value = ByteBuffer.wrap(header.value());
		return switch (header.value().length) {
			case Integer.BYTES -> (long) value.getInt();
			case Long.BYTES -> value.getLong();
			default -> null;
		};
	}

	private static String replayId(String topic, int partition, long offset) {
		return topic + "/" + partition + "/" + offset;
	}

	@Document(COLLECTION)
	record Replay(@Id String id, Instant claimedAt, Instant replayedAt) {
	}
}
