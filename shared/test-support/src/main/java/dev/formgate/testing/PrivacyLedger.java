package dev.formgate.testing;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Plays the erasure-service's part for a store's tests: sends data-subject requests as the ledger does (a real
 * producer, keyed by subjectRef, CloudEvents headers) and reads the store's answers and inventory from their topics.
 */
public class PrivacyLedger implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String store;
	private final KafkaProducer<byte[], byte[]> producer;
	private final EventLog outcomes;
	private final EventLog inventory;

	public PrivacyLedger(String brokers, String store) {
		this.store = store;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class, ProducerConfig.ACKS_CONFIG,
				"all"));
		this.outcomes = new EventLog(brokers, Topics.PRIVACY_OUTCOMES);
		this.inventory = new EventLog(brokers, Topics.PRIVACY_INVENTORY);
	}

	/** Sends the request (again, if it was sent before: the ledger re-requests missing answers so). */
	public void send(PrivacyEvent request) {
		send(request, UUID.randomUUID().toString(), null);
	}

	/** Sends the request with this CloudEvents id: the same id twice is a redelivery, not a re-request. */
	public void send(PrivacyEvent request, String eventId) {
		send(request, eventId, null);
	}

	/** As the ledger would, within the given W3C trace context. */
	public void sendTraced(PrivacyEvent request, String traceparent) {
		send(request, UUID.randomUUID().toString(), traceparent);
	}

	private void send(PrivacyEvent request, String eventId, String traceparent) {
		var record = new ProducerRecord<>(Topics.PRIVACY_REQUESTS, bytes(request.subjectRef().value()),
				JSON.writeValueAsBytes(request));
		if (traceparent != null) {
			record.headers().add("traceparent", bytes(traceparent));
		}
		record.headers().add(CloudEvents.ID, bytes(eventId));
		record.headers().add(CloudEvents.SOURCE, bytes("/formgate/erasure-service"));
		record.headers().add(CloudEvents.TYPE, bytes(CloudEvents.typeOf(request.getClass())));
		record.headers().add(CloudEvents.SPECVERSION, bytes(CloudEvents.SPEC_VERSION));
		record.headers().add(CloudEvents.TIME, bytes(request.occurredAt().toString()));
		record.headers().add(CloudEvents.DATA_CONTENT_TYPE, bytes("application/json"));
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

	/** The store's answers to this request as they are on the topic, once there are at least {@code count}. */
	public List<ConsumerRecord<byte[], byte[]>> awaitRawAnswers(PrivacyRequestId request, int count) {
		return outcomes.awaitRecords(r -> isAnswerTo(r, request), count);
	}

	/** The store's first answer to the request. */
	public StoreOutcomeReported awaitAnswer(PrivacyRequestId request) {
		return JSON.readValue(awaitRawAnswers(request, 1).getFirst().value(), StoreOutcomeReported.class);
	}

	public List<StoreOutcomeReported> answers(PrivacyRequestId request) {
		return outcomes.all().stream().filter(r -> isAnswerTo(r, request))
			.map(r -> JSON.readValue(r.value(), StoreOutcomeReported.class)).toList();
	}

	/** Every record on the outcomes topic so far, raw. */
	public List<ConsumerRecord<byte[], byte[]>> allAnswers() {
		return outcomes.all();
	}

	/** The store's latest announcement on the inventory topic. */
	public StoreRegistered awaitInventory() {
		var records = inventory.awaitRecords(r -> EventLog.key(r).equals(store), 1);
		return JSON.readValue(records.getLast().value(), StoreRegistered.class);
	}

	public List<ConsumerRecord<byte[], byte[]>> inventoryRecords() {
		return inventory.all().stream().filter(r -> EventLog.key(r).equals(store)).toList();
	}

	private boolean isAnswerTo(ConsumerRecord<byte[], byte[]> record, PrivacyRequestId request) {
		String value = EventLog.value(record);
		return value.contains("\"requestId\":\"" + request.value() + "\"") && value.contains("\"store\":\"" + store + "\"");
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		producer.close();
		outcomes.close();
		inventory.close();
	}
}
