package dev.formgate.erasure.support;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The stores' side, as a store sends it: CloudEvents in binary mode on {@code privacy.inventory} (keyed by store) and
 * {@code privacy.outcomes} (keyed by subjectRef), JSON values, acknowledged by the broker before a call returns.
 */
public class Stores implements AutoCloseable {

	public static final String PEPPER = "test-pepper-with-at-least-thirty-two-bytes";
	public static final String TRANSPORT_KEY = "test-transport-key-with-at-least-32-bytes";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProducer<byte[], byte[]> producer;

	Stores(String brokers) {
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	public static String newStoreName() {
		return "store-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static Category category(String collection, String purpose, String purposeDe) {
		return new Category(collection, List.of("email", "name"), purpose, purposeDe, "Art. 6(1)(a) GDPR", "P30D",
				List.of());
	}

	public void register(String store, boolean answersRequests, List<Category> categories) {
		register(new StoreRegistered(store, answersRequests, categories, Instant.now()));
	}

	public void register(StoreRegistered announcement) {
		send(Topics.PRIVACY_INVENTORY, announcement.store(), announcement, announcement.occurredAt());
	}

	public void answer(String requestId, SubjectRef subject, String store, Outcome outcome) {
		answer(new StoreOutcomeReported(new PrivacyRequestId(requestId), subject, store, outcome,
				outcome == Outcome.ERASED ? Map.of("subscriptions", 1L) : Map.of(),
				outcome == Outcome.RETAINED ? "legal hold" : outcome == Outcome.FAILED ? "store unavailable" : null,
				null, Instant.now()));
	}

	/** Each listed store answers with the outcome given for it; a store given null stays silent. */
	public void answerEach(String requestId, SubjectRef subject, List<String> stores,
			Function<String, Outcome> outcomeOf) {
		for (String store : stores) {
			Outcome outcome = outcomeOf.apply(store);
			if (outcome != null) {
				answer(requestId, subject, store, outcome);
			}
		}
	}

	public void answer(StoreOutcomeReported outcome) {
		send(Topics.PRIVACY_OUTCOMES, outcome.subjectRef().value(), outcome, outcome.occurredAt());
	}

	private void send(String topic, String key, Object event, Instant at) {
		var record = new ProducerRecord<>(topic, bytes(key), JSON.writeValueAsBytes(event));
		record.headers().add(CloudEvents.ID, bytes(UUID.randomUUID().toString()))
			.add(CloudEvents.SOURCE, bytes("/formgate/test-store"))
			.add(CloudEvents.TYPE, bytes(CloudEvents.typeOf(event.getClass())))
			.add(CloudEvents.SPECVERSION, bytes(CloudEvents.SPEC_VERSION))
			.add(CloudEvents.TIME, bytes(at.toString()))
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

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		producer.close();
	}
}
