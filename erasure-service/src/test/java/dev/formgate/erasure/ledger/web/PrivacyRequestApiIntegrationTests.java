package dev.formgate.erasure.ledger.web;

import dev.formgate.erasure.ledger.Ledger;
import dev.formgate.erasure.ledger.NewPrivacyRequest;
import dev.formgate.erasure.ledger.PrivacyRequestView;
import dev.formgate.erasure.ledger.ReceivedVia;
import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.events.SubjectRefs;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.erasure.support.Stores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.formgate.erasure.support.PrivacyApi.REQUESTS;
import static dev.formgate.erasure.support.PrivacyApi.newAddress;
import static dev.formgate.erasure.support.PrivacyApi.request;
import static dev.formgate.erasure.support.PrivacyApi.tree;
import static dev.formgate.erasure.support.PrivacyApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Filing, deadlines, extension, cancellation and the list, through HTTP as the privacy officer uses them. */
@ErasureServiceTest
class PrivacyRequestApiIntegrationTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Autowired
	Stores stores;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Ledger ledger;

	@Autowired
	SubjectRefs subjectRefs;

	PrivacyApi api;

	@BeforeEach
	void setUp(@LocalServerPort int port) {
		api = new PrivacyApi(port);
	}

	@Test
	void filesARequestWith201LocationAndItsView() {
		String store = Stores.newStoreName();
		stores.register(store, true, List.of());
		api.awaitRegistered(store);

		HttpResponse<String> answer = api.post(REQUESTS, with(request("ERASURE", newAddress()), "note",
				"Brief vom 3. März, Az. 12-345"));

		assertThat(answer.statusCode()).isEqualTo(201);
		JsonNode view = tree(answer.body());
		String id = view.path("id").asString();
		assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(REQUESTS
				+ "/" + id));
		assertThat(view.path("type").asString()).isEqualTo("ERASURE");
		assertThat(view.path("receivedVia").asString()).isEqualTo("LETTER");
		assertThat(view.path("note").asString()).isEqualTo("Brief vom 3. März, Az. 12-345");
		assertThat(PrivacyApi.expectedStores(view)).contains(store);
		assertThat(api.get(id).path("id").asString()).isEqualTo(id);
	}

	@Test
	void onlyTheSelfServicePageFilesSelfServiceRequests() {
		HttpResponse<String> answer = api.post(REQUESTS, with(request("ACCESS", newAddress()), "receivedVia",
				"SELF_SERVICE"));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("\"field\":\"receivedVia\",\"code\":\"not-allowed\"");
	}

	/** A self-service request held for review goes out once the officer approves it, or ends declined for a reason. */
	@Test
	void theOfficerApprovesOrDeclinesAHeldRequestAndNothingElse() {
		String store = Stores.newStoreName();
		stores.register(store, true, List.of());
		api.awaitRegistered(store);
		String approved = held().id();
		String declined = held().id();
		assertThat(api.get(approved).path("state").asString()).isEqualTo("AWAITING_REVIEW");
		assertThat(PrivacyApi.expectedStores(api.get(approved))).isEmpty();

		var approval = api.post(REQUESTS + "/" + approved + "/review", Map.of("decision", "APPROVE"));
		var refusal = api.post(REQUESTS + "/" + declined + "/review", Map.of("decision", "DECLINE"));
		var decline = api.post(REQUESTS + "/" + declined + "/review", Map.of("decision", "DECLINE", "reason",
				"Ein Verfahren läuft noch."));

		assertThat(approval.statusCode()).isEqualTo(200);
		JsonNode view = tree(approval.body());
		assertThat(view.path("state").asString()).isIn("RECEIVED", "IN_PROGRESS");
		assertThat(view.path("review").path("approved").asBoolean()).isTrue();
		assertThat(view.path("review").path("decidedBy").asString()).isNotBlank();
		assertThat(view.path("identityVerifiedBy").asString()).isEqualTo("control of the address");
		assertThat(PrivacyApi.expectedStores(view)).contains(store);
		assertThat(refusal.statusCode()).isEqualTo(400);
		assertThat(refusal.body()).contains("\"field\":\"reason\",\"code\":\"required\"");
		assertThat(decline.statusCode()).isEqualTo(200);
		assertThat(tree(decline.body()).path("state").asString()).isEqualTo("CANCELLED");
		assertThat(tree(decline.body()).path("cancellationReason").asString()).isEqualTo("Ein Verfahren läuft noch.");
		var again = api.post(REQUESTS + "/" + approved + "/review", Map.of("decision", "APPROVE"));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("https://formgate.dev/problems/illegal-state-change");
		assertThat(api.post(REQUESTS + "/no-such-request/review", Map.of("decision", "APPROVE")).statusCode())
			.isEqualTo(404);
	}

	PrivacyRequestView held() {
		return ledger.file(new NewPrivacyRequest(RequestType.ERASURE, null, null, null, ReceivedVia.SELF_SERVICE,
				null, null, "control of the address", "a legal hold might apply"), subjectRefs.of(newAddress()));
	}

	@Test
	void filesARequestByCommentIdForEveryTypeAndKeepsNeitherIdNorAddress() {
		for (String type : List.of("ERASURE", "ACCESS", "RESTRICTION", "LIFT_RESTRICTION", "WITHDRAWAL")) {
			String commentId = java.util.UUID.randomUUID().toString();
			HttpResponse<String> answer = api.post(REQUESTS, Map.of("type", type, "commentId", commentId,
					"receivedVia", "LETTER"));

			assertThat(answer.statusCode()).as(type).isEqualTo(201);
			JsonNode view = tree(answer.body());
			assertThat(view.path("subjectNamedBy").asString()).isEqualTo("COMMENT");
			assertThat(answer.body()).doesNotContain(commentId);
			Document stored = mongo.findById(view.path("id").asString(), Document.class, "privacy_requests");
			assertThat(stored.getString("subjectRef")).isEqualTo(subjectRefs.ofComment(commentId).value());
			assertThat(stored.toJson()).doesNotContain(commentId);
		}
		String commentId = java.util.UUID.randomUUID().toString();
		assertThat(api.post(REQUESTS, Map.of("type", "OBJECTION", "purpose", "comment-evidence", "commentId",
				commentId, "receivedVia", "EMAIL")).statusCode()).isEqualTo(201);
		var rectification = api.post(REQUESTS, Map.of("type", "RECTIFICATION", "commentId", commentId, "newEmail",
				newAddress(), "receivedVia", "EMAIL"));
		assertThat(rectification.statusCode()).isEqualTo(201);
		assertThat(tree(rectification.body()).path("subjectNamedBy").asString()).isEqualTo("COMMENT");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"not-a-comment-id", "0F8FAD5B-D9CB-469F-A165-70867728950E", "0f8fad5b-d9cb-469f-a165-70867728950e\u200f",
			"0f8fad5bd9cb469fa16570867728950e", "0f8fad5b-d9cb-469f-a165-70867728950e0f8fad5b-d9cb-469f-a165",
			"../../etc/passwd", "%2e%2e%2fadmin" })
	void refusesAMalformedCommentIdWithoutEchoingIt(String commentId) {
		String sent = commentId;
		HttpResponse<String> answer = api.post(REQUESTS, Map.of("type", "ERASURE", "commentId", sent,
				"receivedVia", "LETTER"));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("\"field\":\"commentId\",\"code\":\"invalid\"").doesNotContain(sent);
	}

	@Test
	void namesThePersonByAddressOrCommentIdNotBothNorNeither() {
		String commentId = java.util.UUID.randomUUID().toString();
		var both = api.post(REQUESTS, Map.of("type", "ERASURE", "commentId", commentId, "email", newAddress(),
				"receivedVia", "LETTER"));
		var neither = api.post(REQUESTS, Map.of("type", "ERASURE", "receivedVia", "LETTER"));

		assertThat(both.statusCode()).isEqualTo(400);
		assertThat(both.body()).contains("\"field\":\"email\",\"code\":\"not-allowed\"");
		assertThat(neither.statusCode()).isEqualTo(400);
		assertThat(neither.body()).contains("\"field\":\"email\",\"code\":\"required\"");
	}

	@Test
	void refusesADuplicatedCommentIdField() {
		String commentId = java.util.UUID.randomUUID().toString();
		var answer = api.http().postJson(REQUESTS, "{\"type\":\"ERASURE\",\"receivedVia\":\"LETTER\",\"commentId\":\""
				+ commentId + "\",\"commentId\":\"" + java.util.UUID.randomUUID() + "\"}");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).doesNotContain(commentId);
	}

	@Test
	void refusesBadFieldsWithProblemDetailsNamingEachField() {
		HttpResponse<String> answer = api.post(REQUESTS, Map.of("type", "FORGET_ME", "email", "not-an-address",
				"receivedVia", "PIGEON", "newEmail", "new@example.org", "note", "write to erika@example.org"));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = tree(answer.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://formgate.dev/problems/invalid-input");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(fields(problem)).containsExactlyInAnyOrder("type", "email", "receivedVia", "newEmail", "note");
		assertThat(answer.body()).as("no input echoed").doesNotContain("not-an-address").doesNotContain("erika");
	}

	@Test
	void filesARequestForAnAddressStoredBeforeTheLookAlikeRule() {
		// A mixed-script address may be stored from before: the person's rights must still reach it.
		HttpResponse<String> answer = api.post(REQUESTS, request("ERASURE", "p\u0430ypal-" + newAddress()));

		assertThat(answer.statusCode()).isEqualTo(201);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"missing type and address|{\"receivedVia\":\"EMAIL\"}|type,email",
			"rectification without new address|{\"type\":\"RECTIFICATION\",\"email\":\"a@example.org\",\"receivedVia\":\"EMAIL\"}|newEmail",
			"rectification to the same address|{\"type\":\"RECTIFICATION\",\"email\":\"a@example.org\",\"newEmail\":\" A@Example.org\",\"receivedVia\":\"EMAIL\"}|newEmail",
			"purpose on an erasure|{\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"purpose\":\"newsletter\",\"receivedVia\":\"EMAIL\"}|purpose",
			"malformed purpose|{\"type\":\"OBJECTION\",\"email\":\"a@example.org\",\"purpose\":\"News Letter!\",\"receivedVia\":\"EMAIL\"}|purpose",
			"received in the future|{\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"receivedVia\":\"EMAIL\",\"receivedAt\":\"2999-01-01\"}|receivedAt",
			"an object where text belongs|{\"type\":\"ERASURE\",\"email\":{\"$ne\":null},\"receivedVia\":\"EMAIL\"}|email",
			"a zero-width space in the address|{\"type\":\"ERASURE\",\"email\":\"a\u200B@example.org\",\"receivedVia\":\"EMAIL\"}|email",
			"a control character in the address|{\"type\":\"ERASURE\",\"email\":\"a\\u0007@example.org\",\"receivedVia\":\"EMAIL\"}|email",
			"a terminal escape in the note|{\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"receivedVia\":\"EMAIL\",\"note\":\"Az. \\u001B[2J54-321\"}|note",
			"a bidi override in the note|{\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"receivedVia\":\"EMAIL\",\"note\":\"Az. \u202E54-321\"}|note",
			"a look-alike corrected address|{\"type\":\"RECTIFICATION\",\"email\":\"a@example.org\",\"newEmail\":\"p\u0430ypal@example.org\",\"receivedVia\":\"EMAIL\"}|newEmail" })
	void refusesInconsistentFilings(String name, String body, String expectedFields) {
		HttpResponse<String> answer = api.http().postJson(REQUESTS, body);

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(fields(tree(answer.body()))).containsExactlyInAnyOrder(expectedFields.split(","));
	}

	@Test
	void objectionDefaultsToTheNewsletterPurpose() {
		JsonNode view = api.file(request("OBJECTION", newAddress()));

		assertThat(view.path("purpose").asString()).isEqualTo("newsletter");
	}

	@ParameterizedTest(name = "received {0} → due {1}")
	@CsvSource({ "2024-01-31T10:15:00+01:00, 2024-02-29", "2025-01-31T10:15:00+01:00, 2025-02-28",
			"2025-03-31T23:30:00+02:00, 2025-04-30", "2025-12-15T09:00:00+01:00, 2026-01-15" })
	void isDueOneCalendarMonthAfterReceiptInBerlin(String receivedAt, String dueDate) {
		JsonNode view = api.file(with(request("ERASURE", newAddress()), "receivedAt", receivedAt));

		assertThat(berlinDate(view.path("dueAt"))).isEqualTo(LocalDate.parse(dueDate));
		assertThat(view.path("overdue").asBoolean()).isTrue();
	}

	@Test
	void extendsByAtMostTwoMonthsInTotalWithAReason() {
		String id = api.file(with(request("ACCESS", newAddress()), "receivedAt", "2025-01-31T10:00:00+01:00"))
			.path("id").asString();
		String extension = REQUESTS + "/" + id + "/extension";

		assertThat(fields(tree(api.post(extension, Map.of("months", 1)).body()))).containsExactly("reason");
		assertThat(fields(tree(api.post(extension, Map.of("months", 3, "reason", "x")).body())))
			.containsExactly("months");

		HttpResponse<String> first = api.post(extension, Map.of("months", 1, "reason", "Viele Speicher betroffen"));
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(berlinDate(tree(first.body()).path("dueAt"))).isEqualTo(LocalDate.parse("2025-03-31"));

		JsonNode second = tree(api.post(extension, Map.of("months", 1, "reason", "Archiv muss geprüft werden")).body());
		assertThat(berlinDate(second.path("dueAt"))).isEqualTo(LocalDate.parse("2025-04-30"));
		assertThat(second.path("extensions").findValuesAsString("reason")).containsExactly("Viele Speicher betroffen",
				"Archiv muss geprüft werden");

		HttpResponse<String> third = api.post(extension, Map.of("months", 1, "reason", "noch mehr"));
		assertThat(third.statusCode()).isEqualTo(409);
		assertThat(tree(third.body()).path("type").asString()).isEqualTo("https://formgate.dev/problems/extension-limit");
		assertThat(berlinDate(api.get(id).path("dueAt"))).isEqualTo(LocalDate.parse("2025-04-30"));
	}

	@Test
	void cancelsAnOpenRequestOnceAndRefusesLaterChangesWith409() {
		String id = api.file(request("RESTRICTION", newAddress())).path("id").asString();
		String cancellation = REQUESTS + "/" + id + "/cancellation";

		assertThat(api.post(cancellation, Map.of()).statusCode()).isEqualTo(400);
		HttpResponse<String> cancelled = api.post(cancellation, Map.of("reason", "Antrag zurückgezogen"));

		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(tree(cancelled.body()).path("state").asString()).isEqualTo("CANCELLED");
		assertThat(tree(cancelled.body()).path("cancellationReason").asString()).isEqualTo("Antrag zurückgezogen");
		HttpResponse<String> again = api.post(cancellation, Map.of("reason", "nochmal"));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(tree(again.body()).path("type").asString())
			.isEqualTo("https://formgate.dev/problems/illegal-state-change");
		assertThat(api.post(REQUESTS + "/" + id + "/extension", Map.of("months", 1, "reason", "x")).statusCode())
			.isEqualTo(409);
	}

	@Test
	void listsByStateTypeAndOverdueInPages() {
		String overdue = api.file(with(request("LIFT_RESTRICTION", newAddress()), "receivedAt", "2020-01-02"))
			.path("id").asString();
		String fresh = api.file(request("LIFT_RESTRICTION", newAddress())).path("id").asString();

		assertThat(ids("?type=LIFT_RESTRICTION&overdue=true&size=100")).contains(overdue).doesNotContain(fresh);
		assertThat(ids("?type=LIFT_RESTRICTION&size=100")).contains(overdue, fresh);
		assertThat(ids("?type=ERASURE&size=100")).doesNotContain(overdue, fresh);
		assertThat(ids("?state=CANCELLED&size=100")).doesNotContain(overdue, fresh);
		JsonNode page = tree(api.http().get(REQUESTS + "?type=LIFT_RESTRICTION&size=1&page=0").body());
		assertThat(page.path("items").size()).isEqualTo(1);
		assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);

		HttpResponse<String> bad = api.http().get(REQUESTS + "?state=LOST&overdue=maybe&size=1000");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(fields(tree(bad.body()))).containsExactlyInAnyOrder("state", "overdue", "size");
	}

	@Test
	void answers404ProblemForAnUnknownRequest() {
		HttpResponse<String> answer = api.http().get(REQUESTS + "/5f0c6a53-0000-4000-8000-000000000000");

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(tree(answer.body()).path("type").asString())
			.isEqualTo("https://formgate.dev/problems/privacy-request-not-found");
	}

	@Test
	void storesNoAddressOnlySubjectRefs() {
		String email = newAddress();
		String newEmail = newAddress();
		String id = api.file(with(request("RECTIFICATION", email), "newEmail", newEmail)).path("id").asString();

		Document stored = mongo.findOne(query(where("_id").is(id)), Document.class, "privacy_requests");

		assertThat(stored.toJson()).doesNotContain(email).doesNotContain(newEmail).doesNotContain("example.org")
			.contains("\"subjectRef\"").contains("\"newSubjectRef\"");
	}

	static List<String> fields(JsonNode problem) {
		return problem.path("errors").findValuesAsString("field");
	}

	List<String> ids(String query) {
		return tree(api.http().get(REQUESTS + query).body()).path("items").findValuesAsString("id");
	}

	static LocalDate berlinDate(JsonNode instant) {
		return Instant.parse(instant.asString()).atZone(BERLIN).toLocalDate();
	}
}
