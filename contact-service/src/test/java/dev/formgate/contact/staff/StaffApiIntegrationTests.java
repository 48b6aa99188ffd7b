package dev.formgate.contact.staff;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.Inbox;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;
import static dev.formgate.contact.support.ContactForms.with;
import static org.assertj.core.api.Assertions.assertThat;

@ContactServiceTest
class StaffApiIntegrationTests {

	static final String API = "/api/admin/contact-requests";
	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Inbox inbox;

	@Autowired
	TestClock clock;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port).with("Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));
	}

	/** Posts a request as a visitor would and returns its id. */
	String received(Map<String, Object> form) {
		assertThat(http.postJson("/api/contact", json(form)).statusCode()).isEqualTo(202);
		return mongo.getCollection("contact_requests").find(new Document("email", form.get("email"))).first()
			.getString("_id");
	}

	String received() {
		return received(valid(newAddress()));
	}

	static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	HttpResponse<String> moveTo(String id, String state) {
		return http.send("PUT", API + "/" + id + "/state", "{\"state\":\"" + state + "\"}");
	}

	static List<String> ids(HttpResponse<String> listing) {
		List<String> ids = new ArrayList<>();
		body(listing).get("items").forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}

	@Test
	void readsOneRequestWithItsMessage() {
		Map<String, Object> form = valid(newAddress());
		String id = received(form);

		var response = http.get(API + "/" + id);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode request = body(response);
		assertThat(request.get("state").asString()).isEqualTo("RECEIVED");
		assertThat(request.get("email").asString()).isEqualTo(form.get("email"));
		assertThat(request.get("message").asString()).isEqualTo(form.get("message"));
		assertThat(request.get("topic").asString()).isEqualTo("buergerservice");
		assertThat(request.get("overdue").asBoolean()).isFalse();
		assertThat(request.get("legalHold").isNull()).isTrue();
	}

	@Test
	void unknownRequestIsA404Problem() {
		var response = http.get(API + "/no-such-request");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(body(response).get("type").asString())
			.isEqualTo("https://formgate.dev/problems/contact-request-not-found");
		assertThat(moveTo("no-such-request", "CLOSED").statusCode()).isEqualTo(404);
	}

	@Test
	void movesThroughTheWorkflowAndClosingStampsTheTime() {
		String id = received();

		for (String state : List.of("IN_PROGRESS", "ANSWERED", "CLOSED")) {
			var moved = moveTo(id, state);
			assertThat(moved.statusCode()).as(state).isEqualTo(200);
			assertThat(body(moved).get("state").asString()).isEqualTo(state);
		}
		JsonNode closed = body(http.get(API + "/" + id));
		assertThat(closed.get("closedAt").isNull()).isFalse();
		assertThat(moveTo(id, "CLOSED").statusCode()).as("closing twice changes nothing").isEqualTo(200);

		var reopened = moveTo(id, "IN_PROGRESS");
		assertThat(reopened.statusCode()).isEqualTo(200);
		assertThat(body(reopened).get("closedAt").isNull()).as("the retention clock stops again").isTrue();
	}

	@Test
	void refusesStepsTheWorkflowDoesNotHaveWith409() {
		String id = received();

		var skipping = moveTo(id, "ANSWERED");
		moveTo(id, "IN_PROGRESS");
		var backwards = moveTo(id, "RECEIVED");

		for (var response : List.of(skipping, backwards)) {
			assertThat(response.statusCode()).isEqualTo(409);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(body(response).get("type").asString())
				.isEqualTo("https://formgate.dev/problems/illegal-state-change");
		}
		assertThat(body(skipping).get("state").asString()).isEqualTo("RECEIVED");
		assertThat(body(skipping).get("requestedState").asString()).isEqualTo("ANSWERED");
		assertThat(body(backwards).get("state").asString()).isEqualTo("IN_PROGRESS");
		assertThat(body(http.get(API + "/" + id)).get("state").asString()).isEqualTo("IN_PROGRESS");
	}

	@Test
	void refusesUnknownOrMissingStatesNamingTheField() {
		String id = received();

		var unknown = moveTo(id, "DONE");
		var missing = http.send("PUT", API + "/" + id + "/state", "{}");

		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("{\"field\":\"state\",\"code\":\"invalid\"");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("{\"field\":\"state\",\"code\":\"required\"");
	}

	@Test
	void keepsInternalNotesThatNeverReachTheSender() {
		Map<String, Object> form = valid(newAddress());
		String id = received(form);

		var added = http.postJson(API + "/" + id + "/notes", "{\"text\":\"Rückruf vereinbart, intern\"}");

		assertThat(added.statusCode()).isEqualTo(201);
		JsonNode notes = body(added).get("notes");
		assertThat(notes).hasSize(1);
		assertThat(notes.get(0).get("text").asString()).isEqualTo("Rückruf vereinbart, intern");
		assertThat(notes.get(0).get("at").isNull()).isFalse();
		assertThat(notes.get(0).get("author").asString()).as("the token's subject").isEqualTo("test-admin");
		assertThat(http.postJson(API + "/" + id + "/notes", "{\"text\":\"  \"}").body())
			.contains("{\"field\":\"text\",\"code\":\"required\"");
		assertThat(http.postJson(API + "/" + id + "/notes", "{\"text\":\"" + "x".repeat(2001) + "\"}").body())
			.contains("{\"field\":\"text\",\"code\":\"too-long\"");
		inbox.awaitMessages((String) form.get("email"), 1);
		assertThat(inbox.messagesTo((String) form.get("email"))).noneMatch(m -> Inbox.body(m).contains("Rückruf"));
	}

	@Test
	void setsAndClearsALegalHoldWithItsReason() {
		String id = received();

		var held = http.send("PUT", API + "/" + id + "/legal-hold", "{\"reason\":\"Widerspruchsverfahren Az. 4711\"}");

		assertThat(held.statusCode()).isEqualTo(200);
		JsonNode hold = body(held).get("legalHold");
		assertThat(hold.get("reason").asString()).isEqualTo("Widerspruchsverfahren Az. 4711");
		assertThat(hold.get("since").isNull()).isFalse();
		assertThat(hold.get("by").asString()).isEqualTo("test-admin");
		assertThat(http.send("PUT", API + "/" + id + "/legal-hold", "{}").body())
			.contains("{\"field\":\"reason\",\"code\":\"required\"");

		var released = http.send("DELETE", API + "/" + id + "/legal-hold", null);
		assertThat(released.statusCode()).isEqualTo(200);
		assertThat(body(released).get("legalHold").isNull()).isTrue();
	}

	@Test
	void listsByStateAndTopicPageByPageOldestFirst() {
		List<String> archived = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			archived.add(received(with(valid(newAddress()), "topic", "archiv")));
		}
		moveTo(archived.get(1), "IN_PROGRESS");

		var first = http.get(API + "?topic=archiv&size=2");
		var second = http.get(API + "?topic=archiv&size=2&page=1");
		var third = http.get(API + "?topic=archiv&size=2&page=2");
		var inProgress = http.get(API + "?topic=archiv&state=IN_PROGRESS");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(body(first).get("total").asLong()).isEqualTo(5);
		assertThat(ids(first)).containsExactly(archived.get(0), archived.get(1));
		assertThat(ids(second)).containsExactly(archived.get(2), archived.get(3));
		assertThat(ids(third)).containsExactly(archived.get(4));
		assertThat(ids(inProgress)).containsExactly(archived.get(1));
		assertThat(body(first).get("items").get(0).has("message")).as("lists leave the message out").isFalse();
	}

	@Test
	void listsOpenRequestsOlderThanTheLimitAsOverdue() {
		String old = received();
		String oldButClosed = received();
		moveTo(oldButClosed, "CLOSED");
		clock.advance(Duration.ofDays(31));
		String fresh = received();

		List<String> overdue = ids(http.get(API + "?overdue=true&size=100"));
		List<String> olderThanAWeek = ids(http.get(API + "?olderThan=P7D&size=100"));

		assertThat(overdue).contains(old).doesNotContain(oldButClosed, fresh);
		assertThat(olderThanAWeek).contains(old, oldButClosed).doesNotContain(fresh);
		assertThat(body(http.get(API + "/" + old)).get("overdue").asBoolean()).isTrue();
		assertThat(body(http.get(API + "/" + fresh)).get("overdue").asBoolean()).isFalse();
	}

	@Test
	void refusesAnAgeNoRequestCanHaveWith400() {
		for (String age : List.of("P1000000000000D", "-P1D", "P99999999999999999999D")) {
			var response = http.get(API + "?olderThan=" + age);

			assertThat(response.statusCode()).as(age).isEqualTo(400);
			assertThat(response.body()).contains("{\"field\":\"olderThan\",\"code\":\"invalid\"")
				.doesNotContain(age);
		}
		assertThat(http.get(API + "?olderThan=30d").statusCode()).isEqualTo(200);
		assertThat(http.get(API + "?state=in_progress").statusCode()).as("enum constants in any case").isEqualTo(200);
	}

	@Test
	void refusesBadFiltersNamingEachParameter() {
		var response = http.get(API + "?state=LOST&olderThan=soon&overdue=maybe&page=-1&size=1000");

		assertThat(response.statusCode()).isEqualTo(400);
		for (String field : List.of("state", "olderThan", "overdue", "page", "size")) {
			assertThat(response.body()).contains("{\"field\":\"" + field + "\",\"code\":\"invalid\"");
		}
		assertThat(response.body()).doesNotContain("LOST").doesNotContain("soon").doesNotContain("maybe")
			.doesNotContain("1000").doesNotContain("convert");
	}
}
