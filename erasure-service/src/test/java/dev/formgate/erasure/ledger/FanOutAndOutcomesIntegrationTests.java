package dev.formgate.erasure.ledger;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.erasure.support.Stores;
import dev.formgate.events.CloudEvents;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.TestClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.formgate.erasure.support.PrivacyApi.expectedStores;
import static dev.formgate.erasure.support.PrivacyApi.newAddress;
import static dev.formgate.erasure.support.PrivacyApi.request;
import static dev.formgate.erasure.support.PrivacyApi.store;
import static dev.formgate.erasure.support.PrivacyApi.tree;
import static dev.formgate.erasure.support.PrivacyApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The request goes out on {@code privacy.requests}; stores answer on {@code privacy.outcomes} through a real
 * producer; the ledger decides when and how a request ends, asks silent stores again and gives up on them.
 */
@ErasureServiceTest
class FanOutAndOutcomesIntegrationTests {

	@Autowired
	Stores stores;

	@Autowired
	EventLog requestLog;

	@Autowired
	SubjectRefs subjectRefs;

	@Autowired
	TransportSeal seal;

	@Autowired
	TestClock clock;

	@Autowired
	LedgerProperties settings;

	@Autowired
	OutboxRelay<PrivacyRequest> relay;

	@Autowired
	MongoTemplate mongo;

	PrivacyApi api;

	String storeA;

	String storeB;

	@BeforeEach
	void setUp(@LocalServerPort int port) {
		api = new PrivacyApi(port);
		storeA = Stores.newStoreName();
		storeB = Stores.newStoreName();
		stores.register(storeA, true, List.of());
		stores.register(storeB, true, List.of());
		stores.register(Stores.newStoreName(), false, List.of()); // holds data, answers nothing: never waited for
		api.awaitRegistered(storeA);
		api.awaitRegistered(storeB);
	}

	@Test
	void requestGoesOutKeyedBySubjectRefAsCloudEventWithoutTheAddress() {
		String email = newAddress();
		String subjectRef = subjectRefs.of(email).value();

		String id = api.file(request("ERASURE", email)).path("id").asString();

		ConsumerRecord<byte[], byte[]> sent = emissions(id, 1).getFirst();
		assertThat(EventLog.key(sent)).isEqualTo(subjectRef);
		assertThat(EventLog.header(sent, CloudEvents.TYPE)).isEqualTo("dev.formgate.privacy.ErasureRequested");
		assertThat(EventLog.header(sent, CloudEvents.SOURCE)).isEqualTo("/formgate/erasure-service");
		assertThat(EventLog.header(sent, CloudEvents.SPECVERSION)).isEqualTo("1.0");
		assertThat(EventLog.header(sent, CloudEvents.ID)).isNotBlank();
		JsonNode event = tree(EventLog.value(sent));
		assertThat(event.path("requestId").asString()).isEqualTo(id);
		assertThat(event.path("subjectRef").asString()).isEqualTo(subjectRef);
		assertThat(EventLog.everything(sent)).doesNotContainIgnoringCase(email).doesNotContain("example.org");
		assertThat(api.awaitState(id, "IN_PROGRESS").path("stores").size()).isEqualTo(expectedStores(api.get(id)).size());
	}

	/** docs/privacy.md, "Requests by comment id": the same ledger, fan-out, answers and receipt as by address. */
	@Test
	void aRequestByCommentIdGoesOutUnderTheCommentsReferenceAndEndsWithTheSameReceipt() {
		String commentId = UUID.randomUUID().toString();
		SubjectRef subject = subjectRefs.ofComment(commentId);

		JsonNode filed = api.file(Map.of("type", "ACCESS", "commentId", commentId, "receivedVia", "LETTER"));
		String id = filed.path("id").asString();

		assertThat(filed.path("subjectNamedBy").asString()).isEqualTo("COMMENT");
		ConsumerRecord<byte[], byte[]> sent = emissions(id, 1).getFirst();
		assertThat(EventLog.key(sent)).isEqualTo(subject.value());
		assertThat(tree(EventLog.value(sent)).path("subjectRef").asString()).isEqualTo(subject.value());
		assertThat(EventLog.everything(sent)).doesNotContain(commentId);
		assertThat(mongo.findById(id, Document.class, "privacy_requests").toJson()).doesNotContain(commentId);

		stores.answerEach(id, subject, expectedStores(api.get(id)), store -> Outcome.NOTHING_FOUND);

		api.awaitState(id, "COMPLETED");
		JsonNode receipt = tree(api.http().get(PrivacyApi.REQUESTS + "/" + id + "/receipt").body());
		assertThat(receipt.path("subjectNamedBy").asString()).isEqualTo("COMMENT");
		assertThat(receipt.path("outcomes").size()).isEqualTo(expectedStores(api.get(id)).size());
		assertThat(receipt.toString()).doesNotContain(commentId).doesNotContain(subject.value());
	}

	@Test
	void anEmissionQueuedByTheEarlierVersionGoesOutAsTheRequestsEvent() {
		String email = newAddress();
		String eventId = UUID.randomUUID().toString();
		String id;
		relay.stop();
		try {
			id = api.file(request("ERASURE", email)).path("id").asString();
			// Until 0.1 an emission held only its id and time; the relay built the request's event when it sent it.
			Document legacy = new Document("eventId", eventId).append("queuedAt", Date.from(clock.instant()))
				.append("traceparent", null);
			mongo.updateFirst(query(where("_id").is(id)), new Update().set(Outbox.EVENTS, List.of(legacy)),
					"privacy_requests");
		}
		finally {
			relay.start();
		}

		ConsumerRecord<byte[], byte[]> sent = emissions(id, 1).getFirst();

		assertThat(EventLog.header(sent, CloudEvents.ID)).isEqualTo(eventId);
		assertThat(EventLog.header(sent, CloudEvents.TYPE)).isEqualTo("dev.formgate.privacy.ErasureRequested");
		assertThat(EventLog.key(sent)).isEqualTo(subjectRefs.of(email).value());
		assertThat(tree(EventLog.value(sent)).path("requestId").asString()).isEqualTo(id);
		api.awaitState(id, "IN_PROGRESS");
	}

	@Test
	void rectificationCarriesTheNewAddressSealedForTheRequestOnly() {
		String email = newAddress();
		String newEmail = newAddress();

		String id = api.file(with(request("RECTIFICATION", email), "newEmail", newEmail)).path("id").asString();

		ConsumerRecord<byte[], byte[]> sent = emissions(id, 1).getFirst();
		JsonNode event = tree(EventLog.value(sent));
		assertThat(EventLog.header(sent, CloudEvents.TYPE)).isEqualTo("dev.formgate.privacy.RectificationRequested");
		assertThat(event.path("newSubjectRef").asString()).isEqualTo(subjectRefs.of(newEmail).value());
		assertThat(seal.open(new PrivacyRequestId(id), event.path("sealedNewAddress").asString())).isEqualTo(newEmail);
		assertThat(EventLog.everything(sent)).doesNotContain(email).doesNotContain(newEmail);
	}

	@Test
	void completesWhenEveryExpectedStoreHasAnsweredAndRetainedCountsAsDone() {
		String email = newAddress();
		String id = api.file(request("ERASURE", email)).path("id").asString();
		List<String> expected = expectedStores(api.get(id));
		assertThat(expected).contains(storeA, storeB);

		stores.answerEach(id, subjectRefs.of(email), expected,
				store -> store.equals(storeB) ? Outcome.RETAINED : Outcome.ERASED);

		JsonNode done = api.awaitState(id, "COMPLETED");
		assertThat(store(done, storeA).path("outcome").asString()).isEqualTo("ERASED");
		assertThat(store(done, storeA).path("counts").path("subscriptions").asLong()).isEqualTo(1);
		assertThat(store(done, storeB).path("outcome").asString()).isEqualTo("RETAINED");
		assertThat(store(done, storeB).path("reason").asString()).isEqualTo("legal hold");
		assertThat(done.path("completedAt").isNull()).isFalse();
		assertThat(done.path("failingStores").size()).isZero();
	}

	@Test
	void oneFailedStoreMakesItPartialAndAllFailedMakesItFailed() {
		String email = newAddress();
		String partial = api.file(request("RESTRICTION", email)).path("id").asString();
		String failed = api.file(request("LIFT_RESTRICTION", email)).path("id").asString();

		stores.answerEach(partial, subjectRefs.of(email), expectedStores(api.get(partial)),
				store -> store.equals(storeA) ? Outcome.FAILED : Outcome.DONE);
		stores.answerEach(failed, subjectRefs.of(email), expectedStores(api.get(failed)), store -> Outcome.FAILED);

		JsonNode partialView = api.awaitState(partial, "PARTIAL");
		assertThat(partialView.path("failingStores").get(0).asString()).isEqualTo(storeA);
		assertThat(partialView.path("failingStores").size()).isEqualTo(1);
		JsonNode failedView = api.awaitState(failed, "FAILED");
		assertThat(failedView.path("failingStores").size()).isEqualTo(expectedStores(failedView).size());
	}

	@Test
	void keepsTheFirstAnswerPerStoreAndIgnoresUnknownRequestsAndStores() {
		String email = newAddress();
		SubjectRef subject = subjectRefs.of(email);
		String id = api.file(request("OBJECTION", email)).path("id").asString();
		stores.answer(id, subject, storeA, Outcome.DONE);
		JsonNode before = store(api.await(id, v -> store(v, storeA).path("outcome").asString().equals("DONE")),
				storeA);

		stores.answer(id, subject, storeA, Outcome.DONE);
		stores.answer(id, subject, storeA, Outcome.FAILED);
		stores.answer(id, subject, "unknown-store", Outcome.ERASED);
		stores.answer(PrivacyRequestId.random().value(), subject, storeA, Outcome.ERASED);
		stores.answerEach(id, subject, expectedStores(api.get(id)),
				store -> store.equals(storeA) ? null : Outcome.NOT_APPLICABLE);

		JsonNode done = api.awaitState(id, "COMPLETED");
		assertThat(store(done, storeA)).isEqualTo(before);
		assertThat(store(done, storeB).path("outcome").asString()).isEqualTo("NOT_APPLICABLE");
		assertThat(expectedStores(done)).doesNotContain("unknown-store");
	}

	@Test
	void asksASilentStoreAgainWithBackoffThenGivesUpAfterTheTimeout() {
		String email = newAddress();
		SubjectRef subject = subjectRefs.of(email);
		String id = api.file(request("ERASURE", email)).path("id").asString();
		emissions(id, 1);
		stores.answerEach(id, subject, expectedStores(api.get(id)),
				store -> store.equals(storeB) ? null : Outcome.ERASED);
		api.await(id, v -> store(v, storeA).path("outcome").asString().equals("ERASED"));
		JsonNode silent = store(api.get(id), storeB);
		assertThat(silent.path("requests").asInt()).isEqualTo(1);
		assertThat(gap(silent)).isEqualTo(settings.retry().first());

		clock.advance(settings.retry().first());
		List<ConsumerRecord<byte[], byte[]>> again = emissions(id, 2);
		assertThat(EventLog.key(again.get(1))).isEqualTo(subject.value());
		assertThat(EventLog.header(again.get(1), CloudEvents.ID)).isNotEqualTo(EventLog.header(again.get(0),
				CloudEvents.ID));
		JsonNode second = store(api.await(id, v -> store(v, storeB).path("requests").asInt() == 2), storeB);
		assertThat(gap(second)).isEqualTo(settings.retry().first().multipliedBy(2));

		clock.advance(settings.retry().first().multipliedBy(2));
		emissions(id, 3);
		assertThat(gap(store(api.await(id, v -> store(v, storeB).path("requests").asInt() == 3), storeB)))
			.isEqualTo(settings.retry().first().multipliedBy(4));

		clock.advance(settings.answerTimeout());
		JsonNode gaveUp = api.awaitState(id, "PARTIAL");
		assertThat(store(gaveUp, storeB).path("outcome").asString()).isEqualTo("FAILED");
		assertThat(store(gaveUp, storeB).path("reason").asString()).isEqualTo("no answer within 7 days");
		assertThat(gaveUp.path("failingStores").get(0).asString()).isEqualTo(storeB);

		stores.answer(id, subject, storeB, Outcome.NOTHING_FOUND); // late, but a real answer beats the verdict
		JsonNode late = api.awaitState(id, "COMPLETED");
		assertThat(store(late, storeB).path("outcome").asString()).isEqualTo("NOTHING_FOUND");
	}

	@Test
	void aStoreRegisteringLaterIsExpectedAndGetsOpenRequestsAgain() {
		String email = newAddress();
		SubjectRef subject = subjectRefs.of(email);
		String id = api.file(request("ACCESS", email)).path("id").asString();
		emissions(id, 1);
		String late = Stores.newStoreName();
		assertThat(expectedStores(api.get(id))).doesNotContain(late);

		stores.register(late, true, List.of());

		api.await(id, v -> expectedStores(v).contains(late));
		List<ConsumerRecord<byte[], byte[]>> sent = emissions(id, 2);
		assertThat(tree(EventLog.value(sent.get(1))).path("requestId").asString()).isEqualTo(id);
		stores.answerEach(id, subject, expectedStores(api.get(id)),
				store -> store.equals(late) ? null : Outcome.NOTHING_FOUND);
		assertThat(api.get(id).path("state").asString()).isEqualTo("IN_PROGRESS");
		stores.answer(new StoreOutcomeReported(new PrivacyRequestId(id), subject, late, Outcome.NOTHING_FOUND,
				Map.of(), null, null, Instant.now()));
		assertThat(store(api.awaitState(id, "COMPLETED"), late).path("outcome").asString()).isEqualTo("NOTHING_FOUND");
	}

	@Test
	void aCancelledRequestIsNotAskedAgain() {
		String email = newAddress();
		String id = api.file(request("ERASURE", email)).path("id").asString();
		emissions(id, 1);
		api.post(PrivacyApi.REQUESTS + "/" + id + "/cancellation", Map.of("reason", "zurückgezogen"));

		clock.advance(settings.retry().first().multipliedBy(4));
		String other = api.file(request("ERASURE", newAddress())).path("id").asString();
		emissions(other, 1); // the relay has run rounds since

		assertThat(requestsFor(id)).hasSize(1);
		assertThat(api.get(id).path("stores").findValues("requests")).allMatch(n -> n.asInt() == 1);
	}

	/** Waits for at least {@code count} emissions of this request, and returns all of them. */
	List<ConsumerRecord<byte[], byte[]>> emissions(String id, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> requestsFor(id).size() >= count);
		return requestsFor(id);
	}

	List<ConsumerRecord<byte[], byte[]>> requestsFor(String id) {
		return requestLog.all().stream().filter(r -> EventLog.value(r).contains("\"requestId\":\"" + id + "\""))
			.toList();
	}

	static Duration gap(JsonNode store) {
		return Duration.between(Instant.parse(store.path("lastRequestedAt").asString()),
				Instant.parse(store.path("nextRequestAt").asString()));
	}
}
