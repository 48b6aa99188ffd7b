package dev.formgate.erasure;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.erasure.support.FailingAnnouncements;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.erasure.support.Stores;
import dev.formgate.events.CloudEvents;
import dev.formgate.events.ContactEvent.ContactRequestReceived;
import dev.formgate.events.ContactRequestId;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.events.NewsletterEvent.SubscriptionRequested;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.SubscriptionId;
import dev.formgate.events.Topics;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.DeadLetterProbe;
import dev.formgate.testing.DeadLetterProbe.Poison;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.Http;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.formgate.erasure.support.PrivacyApi.expectedStores;
import static dev.formgate.erasure.support.PrivacyApi.newAddress;
import static dev.formgate.erasure.support.PrivacyApi.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison on each topic erasure-service consumes lands, after the binding's retries, in that binding's dead-letter
 * topic without its content in key or headers, and the records after it are processed; an admin lists dead letters
 * without payloads and replays one, once, after its cause is fixed.
 */
@ErasureServiceTest
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterIntegrationTests {

	static final String DEAD_LETTERS = "/api/admin/privacy/dead-letters";
	static final JsonMapper JSON = JsonMapper.builder().build();
	static final SubjectRefs SUBJECT_REFS = new SubjectRefs(Stores.PEPPER);

	static final Map<String, String> KNOWN_TYPES = Map.of(Topics.PRIVACY_INVENTORY,
			CloudEvents.typeOf(StoreRegistered.class), Topics.PRIVACY_OUTCOMES,
			CloudEvents.typeOf(StoreOutcomeReported.class), Topics.NEWSLETTER_EVENTS,
			CloudEvents.typeOf(SubscriptionRequested.class), Topics.CONTACT_EVENTS,
			CloudEvents.typeOf(ContactRequestReceived.class), Topics.COMMENT_EVENTS,
			CloudEvents.typeOf(dev.formgate.events.CommentEvent.CommentPosted.class));

	@Autowired
	DeadLetterProbe probe;

	@Autowired
	Stores stores;

	@Autowired
	FailingAnnouncements failing;

	PrivacyApi api;

	int port;

	@BeforeEach
	void setUp(@LocalServerPort int port) {
		this.port = port;
		api = new PrivacyApi(port);
	}

	static String deadLetterTopic(String topic) {
		return "error." + topic + ".erasure-service";
	}

	@Test
	void parksPoisonOfEveryConsumedTopicWithoutItsContentAndGoesOn(CapturedOutput output) {
		String address = "poisoned-" + UUID.randomUUID() + "@example.org";
		String key = SUBJECT_REFS.of(address).value();
		Map<String, String> sent = new LinkedHashMap<>(); // CloudEvents id → topic
		for (var topic : KNOWN_TYPES.entrySet()) {
			for (Poison poison : DeadLetterProbe.poisons(address, topic.getValue())) {
				sent.put(probe.send(topic.getKey(), key, poison.value(), poison.type()), topic.getKey());
			}
		}
		// Valid records after the poison, on the same keys (the same partitions): each is processed.
		String store = Stores.newStoreName();
		probe.send(Topics.PRIVACY_INVENTORY, store,
				JSON.writeValueAsBytes(new StoreRegistered(store, true, List.of(), Instant.now())),
				KNOWN_TYPES.get(Topics.PRIVACY_INVENTORY));
		SubjectRef subject = SUBJECT_REFS.of(address);
		Instant day = Instant.parse("2032-05-05T10:00:00Z");
		probe.send(Topics.NEWSLETTER_EVENTS, key, JSON.writeValueAsBytes(new SubscriptionRequested(subject,
				new SubscriptionId(UUID.randomUUID().toString()), "news", "de", day)),
				KNOWN_TYPES.get(Topics.NEWSLETTER_EVENTS));
		probe.send(Topics.CONTACT_EVENTS, key, JSON.writeValueAsBytes(new ContactRequestReceived(subject,
				new ContactRequestId(UUID.randomUUID().toString()), "presse", day)),
				KNOWN_TYPES.get(Topics.CONTACT_EVENTS));
		api.awaitRegistered(store);
		String id = api.file(request("ERASURE", address)).path("id").asString();
		for (String expected : expectedStores(api.get(id))) {
			probe.send(Topics.PRIVACY_OUTCOMES, key, JSON.writeValueAsBytes(new StoreOutcomeReported(
					new dev.formgate.events.PrivacyRequestId(id), subject, expected, Outcome.NOTHING_FOUND, Map.of(), null,
					null, Instant.now())), KNOWN_TYPES.get(Topics.PRIVACY_OUTCOMES));
		}

		api.awaitState(id, "COMPLETED");
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			JsonNode totals = PrivacyApi.tree(api.http().get("/api/admin/activity?from=2032-05-05&to=2032-05-05").body())
				.path("totals");
			return totals.path("consentsRequested").asLong() == 1 && totals.path("contactRequestsReceived").asLong() == 1;
		});
		sent.forEach((eventId, topic) -> {
			ConsumerRecord<byte[], byte[]> deadLetter = probe.awaitDeadLetter(deadLetterTopic(topic), eventId);
			DeadLetterProbe.assertNothingLeaks(deadLetter, address, "poisoned-", "example.org");
			assertThat(EventLog.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(topic);
		});
		assertThat(output.getAll()).doesNotContain(address).doesNotContain("poisoned-");
	}

	@Test
	void listsDeadLettersWithoutPayloadsAndReplaysOnceAfterTheCauseIsFixed() {
		String store = Stores.newStoreName();
		String purpose = "purpose-" + UUID.randomUUID();
		failing.failFor(store);
		String eventId = probe.send(Topics.PRIVACY_INVENTORY, store,
				JSON.writeValueAsBytes(new StoreRegistered(store, false,
						List.of(Stores.category("subscribers", purpose, purpose)), Instant.now())),
				KNOWN_TYPES.get(Topics.PRIVACY_INVENTORY));
		ConsumerRecord<byte[], byte[]> deadLetter = probe
			.awaitDeadLetter(deadLetterTopic(Topics.PRIVACY_INVENTORY), eventId);

		var listed = api.http().get(DEAD_LETTERS);
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		assertThat(listed.body()).doesNotContain(purpose);
		JsonNode item = item(PrivacyApi.tree(listed.body()), eventId);
		assertThat(item.path("topic").asString()).isEqualTo(deadLetterTopic(Topics.PRIVACY_INVENTORY));
		assertThat(item.path("partition").asInt()).isEqualTo(deadLetter.partition());
		assertThat(item.path("offset").asLong()).isEqualTo(deadLetter.offset());
		assertThat(item.path("originalTopic").asString()).isEqualTo(Topics.PRIVACY_INVENTORY);
		assertThat(item.path("cause").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(item.path("eventType").asString()).isEqualTo(KNOWN_TYPES.get(Topics.PRIVACY_INVENTORY));
		assertThat(item.path("payloadSize").asInt()).isEqualTo(deadLetter.value().length);
		assertThat(item.has("payload")).isFalse();
		assertThat(item.path("replayedAt").isNull()).isTrue();
		assertThat(failing.handled(store)).isZero();

		failing.recover(store);
		String replay = DEAD_LETTERS + "/" + deadLetter.topic() + "/" + deadLetter.partition() + "/"
				+ deadLetter.offset() + "/replay";
		var first = api.http().postJson(replay, "");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> failing.handled(store) == 1);
		var second = api.http().postJson(replay, "");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(PrivacyApi.tree(second.body()).path("replayedAt").asString())
			.isEqualTo(PrivacyApi.tree(first.body()).path("replayedAt").asString());
		// A later announcement of the same store (same key, same partition) is handled after anything replayed
		// before it: only it adds one.
		stores.register(store, false, List.of());
		await().atMost(Duration.ofSeconds(20)).until(() -> failing.handled(store) >= 2);
		assertThat(failing.handled(store)).isEqualTo(2);
		assertThat(item(PrivacyApi.tree(api.http().get(DEAD_LETTERS).body()), eventId).path("replayedAt").isNull())
			.isFalse();
	}

	@Test
	void answersUnknownDeadLettersWithProblemsAndOnlyPrivacyAdmins() {
		var unknownOffset = api.http().postJson(DEAD_LETTERS + "/" + deadLetterTopic(Topics.PRIVACY_INVENTORY)
				+ "/0/999999/replay", "");
		assertThat(unknownOffset.statusCode()).isEqualTo(404);
		assertThat(unknownOffset.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(api.http().postJson(DEAD_LETTERS + "/" + Topics.PRIVACY_INVENTORY + "/0/0/replay", "").statusCode())
			.isEqualTo(404);
		var contactAgent = new Http("http://127.0.0.1:" + port,
				"Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));
		assertThat(contactAgent.get(DEAD_LETTERS).statusCode()).isEqualTo(403);
	}

	private static JsonNode item(JsonNode list, String eventId) {
		for (JsonNode item : list.path("items")) {
			if (item.path("eventId").asString().equals(eventId)) {
				return item;
			}
		}
		throw new AssertionError("no dead letter with event id " + eventId + " in " + list);
	}
}
