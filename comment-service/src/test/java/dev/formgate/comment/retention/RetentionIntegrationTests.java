package dev.formgate.comment.retention;

import dev.formgate.comment.support.CommentServiceTest;
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

import java.time.Duration;
import java.util.Map;

import static dev.formgate.comment.support.CommentForms.json;
import static dev.formgate.comment.support.CommentForms.read;
import static dev.formgate.comment.support.CommentForms.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention on the test clock: evidence goes after its period (30 days by default) unless a legal hold keeps it, the
 * published comment stays; rejected comments go with their evidence; comments nobody moderated go after theirs.
 */
@CommentServiceTest
class RetentionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RetentionJob job;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	TestClock clock;

	Http http;

	Http moderator;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
		moderator = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.COMMENT_MODERATOR));
	}

	String post(Map<String, Object> form) {
		return read(http.postJson("/api/comments", json(form)).body()).get("commentId").asString();
	}

	void decide(String id, String state) {
		assertThat(moderator.send("PUT", "/api/admin/comments/" + id + "/state", "{\"state\":\"" + state + "\"}")
			.statusCode()).isEqualTo(200);
	}

	Document comment(String id) {
		return mongo.getCollection("comments").find(new Document("_id", id)).first();
	}

	Document evidence(String id) {
		return mongo.getCollection("comment_evidence").find(new Document("_id", id)).first();
	}

	@Test
	void deletesEvidencePastItsPeriodUnlessHeldAndKeepsThePublishedComment() {
		String published = post(valid());
		decide(published, "PUBLISHED");
		String rejected = post(valid());
		decide(rejected, "REJECTED");
		String held = post(valid());
		decide(held, "PUBLISHED");
		http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN))
			.send("PUT", "/api/admin/comments/" + held + "/legal-hold", "{\"reason\":\"Klage\"}");

		clock.advance(Duration.ofDays(29));
		job.apply();
		assertThat(evidence(published)).as("within its period").isNotNull();

		clock.advance(Duration.ofDays(2));
		job.apply();

		assertThat(evidence(published)).isNull();
		assertThat(comment(published).getString("state")).isEqualTo("PUBLISHED");
		assertThat(evidence(held)).isNotNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> comment(rejected) == null);
	}

	@Test
	void deletesCommentsNobodyModeratedInTime() {
		String pending = post(valid());

		clock.advance(Duration.ofDays(31));
		job.apply();

		await().atMost(Duration.ofSeconds(10)).until(() -> comment(pending) == null);
		assertThat(evidence(pending)).isNull();
	}
}
