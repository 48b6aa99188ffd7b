package dev.formgate.erasure.ledger;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.erasure.support.LedgerTests;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static dev.formgate.erasure.support.PrivacyApi.REQUESTS;
import static dev.formgate.erasure.support.PrivacyApi.expectedStores;
import static dev.formgate.erasure.support.PrivacyApi.newAddress;
import static dev.formgate.erasure.support.PrivacyApi.request;
import static dev.formgate.erasure.support.PrivacyApi.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** What the ledger hands out at the end: the receipt, and for access requests the assembled export. */
@ErasureServiceTest
class ReceiptAndExportIntegrationTests extends LedgerTests {

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerProperties settings;

	String newsletter;

	@BeforeEach
	void registerNewsletterStore() {
		newsletter = registerStore("subscriptions", "Sending the newsletter", "Versand des Newsletters");
	}

	@Test
	void receiptListsEachStoresOutcomeWithoutAddressOrSubjectRef() {
		String email = newAddress();
		SubjectRef subject = subjectRefs.of(email);
		String id = api.file(PrivacyApi.with(request("ERASURE", email), "note", "Schreiben vom 2. Mai"))
			.path("id").asString();
		assertThat(api.http().get(REQUESTS + "/" + id + "/receipt").statusCode()).as("not before the end")
			.isEqualTo(409);
		stores.answerEach(id, subject, expectedStores(api.get(id)),
				store -> store.equals(newsletter) ? Outcome.ERASED : Outcome.NOTHING_FOUND);
		api.awaitState(id, "COMPLETED");

		HttpResponse<String> answer = api.http().get(REQUESTS + "/" + id + "/receipt");

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode receipt = tree(answer.body());
		assertThat(receipt.path("requestId").asString()).isEqualTo(id);
		assertThat(receipt.path("type").asString()).isEqualTo("ERASURE");
		assertThat(receipt.path("receivedVia").asString()).isEqualTo("LETTER");
		assertThat(receipt.path("state").asString()).isEqualTo("COMPLETED");
		assertThat(receipt.path("completedAt").isNull()).isFalse();
		assertThat(receipt.path("dueAt").isNull()).isFalse();
		assertThat(receipt.path("outcomes").findValuesAsString("store")).contains(newsletter)
			.hasSize(expectedStores(api.get(id)).size());
		assertThat(answer.body()).doesNotContain(email).doesNotContain("example.org").doesNotContain(subject.value())
			.doesNotContain("subjectRef").doesNotContain("Schreiben");
	}

	/** The ledger's sealed copy of a person's data must not outlive their erasure by the export's retention. */
	@Test
	void anErasureThatGoesOutTakesTheSubjectsAccessExportsWithIt() {
		String email = newAddress();
		SubjectRef subject = subjectRefs.of(email);
		String access = api.file(request("ACCESS", email)).path("id").asString();
		PrivacyRequestId accessId = new PrivacyRequestId(access);
		for (String store : expectedStores(api.get(access))) {
			stores.answer(new StoreOutcomeReported(accessId, subject, store, Outcome.EXPORTED, Map.of("subscriptions", 1L),
					null, seal.seal(accessId, "{\"email\":\"" + email + "\"}"), Instant.now()));
		}
		api.awaitState(access, "COMPLETED");
		String other = api.file(request("ACCESS", newAddress())).path("id").asString();
		assertThat(api.http().get(REQUESTS + "/" + access + "/export").statusCode()).isEqualTo(200);

		api.file(request("ERASURE", email));

		assertThat(api.http().get(REQUESTS + "/" + access + "/export").statusCode()).isEqualTo(410);
		assertThat(mongo.findOne(query(where("_id").is(access)), Document.class, "privacy_requests")
			.toJson()).doesNotContain("sealedData\": \"");
		assertThat(mongo.findOne(query(where("_id").is(other)), Document.class, "privacy_requests")
			.get("exportPurgedAt")).as("another subject's request is untouched").isNull();
	}

	@Test
	void exportAssemblesTheStoresOpenedDataWithTheirRegisteredPurposes() {
		String email = newAddress();
		SubjectRef subject = subjectRefs.of(email);
		String id = api.file(request("ACCESS", email)).path("id").asString();
		PrivacyRequestId requestId = new PrivacyRequestId(id);
		String data = "{\"subscriptions\":[{\"email\":\"" + email + "\",\"confirmedAt\":\"2025-01-02T03:04:05Z\"}]}";
		for (String store : expectedStores(api.get(id))) {
			stores.answer(store.equals(newsletter)
					? new StoreOutcomeReported(requestId, subject, store, Outcome.EXPORTED, Map.of("subscriptions", 1L),
							null, seal.seal(requestId, data), Instant.now())
					: new StoreOutcomeReported(requestId, subject, store, Outcome.NOTHING_FOUND, Map.of(), null, null,
							Instant.now()));
		}
		api.awaitState(id, "COMPLETED");
		assertThat(mongo.findOne(query(where("_id").is(id)), Document.class, "privacy_requests").toJson())
			.as("sealed in the ledger").doesNotContain(email);

		HttpResponse<String> answer = api.http().get(REQUESTS + "/" + id + "/export");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode export = tree(answer.body());
		assertThat(export.path("requestId").asString()).isEqualTo(id);
		assertThat(export.path("generatedAt").isNull()).isFalse();
		JsonNode mine = null;
		for (JsonNode store : export.path("stores")) {
			if (store.path("store").asString().equals(newsletter)) {
				mine = store;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.path("outcome").asString()).isEqualTo("EXPORTED");
		assertThat(mine.path("data").path("subscriptions").get(0).path("email").asString()).isEqualTo(email);
		assertThat(mine.path("categories").get(0).path("purpose").asString()).isEqualTo("Sending the newsletter");
		assertThat(mine.path("categories").get(0).path("legalBasis").asString()).isEqualTo("Art. 6(1)(a) GDPR");
		assertThat(mine.path("categories").get(0).path("retention").asString()).isEqualTo("P30D");
		assertThat(mine.path("categories").get(0).path("recipients").isArray()).isTrue();
	}

	@Test
	void sealedDataLeavesTheLedgerAfterTheRetentionPeriod() {
		String email = newAddress();
		SubjectRef subject = subjectRefs.of(email);
		String id = api.file(request("ACCESS", email)).path("id").asString();
		PrivacyRequestId requestId = new PrivacyRequestId(id);
		for (String store : expectedStores(api.get(id))) {
			stores.answer(new StoreOutcomeReported(requestId, subject, store, Outcome.EXPORTED, Map.of(), null,
					seal.seal(requestId, "{\"store\":\"" + store + "\"}"), Instant.now()));
		}
		api.awaitState(id, "COMPLETED");
		assertThat(mongo.findOne(query(where("_id").is(id)), Document.class, "privacy_requests")
			.getList("stores", Document.class)).anySatisfy(task -> assertThat(task.get("answer", Document.class)
				.getString("sealedData")).isNotBlank());
		assertThat(api.http().get(REQUESTS + "/" + id + "/export").statusCode()).isEqualTo(200);
		assertThat(ledger.purgeExpiredExports()).doesNotContain(id);

		clock.advance(settings.export().retention().plusMinutes(1));

		assertThat(ledger.purgeExpiredExports()).contains(id);
		Document stored = mongo.findOne(query(where("_id").is(id)), Document.class, "privacy_requests");
		assertThat(stored.getList("stores", Document.class))
			.allSatisfy(task -> assertThat(task.get("answer", Document.class).get("sealedData")).isNull());
		HttpResponse<String> gone = api.http().get(REQUESTS + "/" + id + "/export");
		assertThat(gone.statusCode()).isEqualTo(410);
		assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(api.http().get(REQUESTS + "/" + id + "/receipt").statusCode()).as("the receipt stays")
			.isEqualTo(200);
	}

	@Test
	void onlyAccessRequestsHaveAnExport() {
		String id = api.file(request("ERASURE", newAddress())).path("id").asString();

		HttpResponse<String> answer = api.http().get(REQUESTS + "/" + id + "/export");

		assertThat(answer.statusCode()).isEqualTo(409);
		assertThat(tree(answer.body()).path("type").asString())
			.isEqualTo("https://formgate.dev/problems/not-an-access-request");
	}
}
