package dev.formgate.comment.moderation;

import dev.formgate.comment.support.CommentForms;
import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.testing.Inbox;
import dev.formgate.events.CloudEvents;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.Http;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static dev.formgate.comment.support.CommentForms.json;
import static dev.formgate.comment.support.CommentForms.read;
import static dev.formgate.comment.support.CommentForms.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moderators work through the queue: a pending comment is published (and the author who asked is told, by a mail
 * without their text, after which the address is gone), rejected or removed with a reason, one by one or in bulk;
 * where moderation does not lead the answer is a problem that changes nothing.
 */
@CommentServiceTest
class ModerationIntegrationTests {

	static final String API = "/api/admin/comments";

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	EventLog events;

	@Autowired
	Inbox inbox;

	Http http;

	Http moderator;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
		moderator = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.COMMENT_MODERATOR));
	}

	String post(Map<String, Object> form) {
		var answer = http.postJson("/api/comments", json(form));
		assertThat(answer.statusCode()).isEqualTo(202);
		return read(answer.body()).get("commentId").asString();
	}

	JsonNode decide(String id, String body) {
		var answer = moderator.send("PUT", API + "/" + id + "/state", body);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return read(answer.body());
	}

	Document stored(String id) {
		return mongo.getCollection("comments").find(new Document("_id", id)).first();
	}

	@Test
	void listsThePendingCommentsOldestFirstWithoutAddresses() {
		String address = CommentForms.newAddress();
		String id = post(CommentForms.withNotice(address));

		var queue = moderator.get(API + "?site=blog&post=hallo&size=100");

		assertThat(queue.statusCode()).isEqualTo(200);
		assertThat(queue.body()).contains(id).contains("\"notice\":true").doesNotContain(address);
		assertThat(read(queue.body()).get("items").get(0).get("state").asString()).isEqualTo("PENDING");
	}

	@Test
	void publishesAndTellsTheAuthorWithoutTheirTextThenForgetsTheAddress() {
		String address = CommentForms.newAddress();
		var form = CommentForms.withNotice(address);
		String id = post(form);

		JsonNode published = decide(id, "{\"state\":\"PUBLISHED\"}");

		assertThat(published.get("state").asString()).isEqualTo("PUBLISHED");
		assertThat(published.get("changedBy").asString()).isNotBlank();
		var mail = inbox.awaitMessages(address, 1);
		assertThat(Inbox.body(mail)).contains("hallo").contains("Das Blog").contains(id)
			.doesNotContain((String) form.get("text")).doesNotContain((String) form.get("name"));
		await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).get("email") == null);
		assertThat(http.get("/api/comments?site=blog&post=hallo").body()).contains(id);
		var event = events.awaitRecords(r -> EventLog.value(r).contains(id)
				&& EventLog.header(r, CloudEvents.TYPE).endsWith("CommentPublished"), 1).getFirst();
		assertThat(EventLog.everything(event)).doesNotContain(address).doesNotContain((String) form.get("text"));
	}

	@Test
	void removesAPublishedCommentWithItsReasonAndKeepsNoText() {
		var form = valid();
		String id = post(form);
		decide(id, "{\"state\":\"PUBLISHED\"}");

		var noReason = moderator.send("PUT", API + "/" + id + "/state", "{\"state\":\"REMOVED\"}");
		assertThat(noReason.statusCode()).isEqualTo(400);
		JsonNode removed = decide(id, "{\"state\":\"REMOVED\",\"reason\":\"Beleidigung (Nr. 3 der Regeln)\"}");

		assertThat(removed.get("removalReason").asString()).isEqualTo("Beleidigung (Nr. 3 der Regeln)");
		assertThat(stored(id).get("text")).isNull();
		assertThat(stored(id).get("displayName")).isNull();
		assertThat(http.get("/api/comments?site=blog&post=hallo").body()).doesNotContain(id);
		assertThat(mongo.getCollection("comment_evidence").find(new Document("_id", id)).first())
			.as("the evidence stays for its period: a removal is when it matters").isNotNull();
	}

	@Test
	void refusesWhereModerationDoesNotLead() {
		String id = post(valid());
		decide(id, "{\"state\":\"REJECTED\"}");

		var again = moderator.send("PUT", API + "/" + id + "/state", "{\"state\":\"PUBLISHED\"}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("illegal-state-change");
		assertThat(moderator.send("PUT", API + "/" + id + "/state", "{\"state\":\"PENDING\"}").statusCode())
			.isEqualTo(400);
		assertThat(moderator.send("PUT", API + "/no-such-id/state", "{\"state\":\"PUBLISHED\"}").statusCode())
			.isEqualTo(404);
		assertThat(decide(id, "{\"state\":\"REJECTED\"}").get("state").asString())
			.as("the same decision again changes nothing").isEqualTo("REJECTED");
	}

	@Test
	void decidesManyAtOnceEachOnItsOwn() {
		String first = post(valid());
		String second = post(valid());
		String rejected = post(valid());
		decide(rejected, "{\"state\":\"REJECTED\"}");

		var answer = moderator.postJson(API + "/moderation", "{\"ids\":[\"" + first + "\",\"" + second + "\",\""
				+ rejected + "\",\"gone\"],\"state\":\"PUBLISHED\"}");

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode outcomes = read(answer.body()).get("outcomes");
		assertThat(outcomes.get(first).asString()).isEqualTo("PUBLISHED");
		assertThat(outcomes.get(second).asString()).isEqualTo("PUBLISHED");
		assertThat(outcomes.get(rejected).asString()).isEqualTo("illegal-state-change");
		assertThat(outcomes.get("gone").asString()).isEqualTo("comment-not-found");
		assertThat(http.get("/api/comments?site=blog&post=hallo").body()).contains(first).contains(second);
	}
}
