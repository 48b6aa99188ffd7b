package dev.formgate.comment.evidence;

import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.Http;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import static dev.formgate.comment.support.CommentForms.json;
import static dev.formgate.comment.support.CommentForms.read;
import static dev.formgate.comment.support.CommentForms.valid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy officer discloses one comment's evidence for a recorded reason, as a download; every disclosure is kept
 * with the entry; the address appears in no log line.
 */
@CommentServiceTest
@ExtendWith(OutputCaptureExtension.class)
class EvidenceIntegrationTests {

	static final String CLIENT = "2001:db8::4711";

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	Http http;

	Http officer;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
		officer = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));
	}

	@Test
	void disclosesTheEvidenceForARecordedReasonAsADownload(CapturedOutput output) {
		var posted = http.postJson("/api/comments", json(valid()), "X-Forwarded-For", CLIENT);
		String id = read(posted.body()).get("commentId").asString();

		var noReason = officer.postJson("/api/admin/comments/" + id + "/evidence", "{\"reason\":\" \"}");
		assertThat(noReason.statusCode()).isEqualTo(400);
		var download = officer.postJson("/api/admin/comments/" + id + "/evidence",
				"{\"reason\":\"Auskunftsersuchen StA Bonn 12 Js 34/26\"}");

		assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
			.startsWith("attachment").contains("comment-" + id + "-evidence.json"));
		assertThat(download.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode evidence = read(download.body());
		assertThat(evidence.get("clientAddress").asString()).isEqualTo(CLIENT);
		assertThat(evidence.get("disclosure").get("reason").asString()).isEqualTo("Auskunftsersuchen StA Bonn 12 Js 34/26");
		Document stored = mongo.getCollection(EvidenceLog.COLLECTION).find(new Document("_id", id)).first();
		assertThat(stored.getList("disclosures", Document.class)).hasSize(1);
		assertThat(output.getAll()).doesNotContain(CLIENT).doesNotContain("2001:db8");

		var moderator = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.COMMENT_MODERATOR));
		assertThat(moderator.postJson("/api/admin/comments/" + id + "/evidence", "{\"reason\":\"neugierig\"}")
			.statusCode()).as("a moderator cannot disclose").isEqualTo(403);
	}

	@Test
	void answersGoneForEvidenceNoLongerHeld() {
		var answer = officer.postJson("/api/admin/comments/never-was/evidence", "{\"reason\":\"Anfrage\"}");

		assertThat(answer.statusCode()).isEqualTo(410);
		assertThat(answer.body()).contains("evidence-not-held");
	}

	@Test
	void listsTheHeldEvidenceWithItsReasonAndNeverTheAddress() {
		var posted = http.postJson("/api/comments", json(valid()), "X-Forwarded-For", CLIENT);
		String id = read(posted.body()).get("commentId").asString();
		assertThat(read(officer.get("/api/admin/comments/" + id + "/legal-hold").body()).get("legalHold").isNull())
			.isTrue();

		var held = officer.send("PUT", "/api/admin/comments/" + id + "/legal-hold", "{\"reason\":\"Klage 3 O 1/26\"}");
		assertThat(held.statusCode()).isEqualTo(200);

		var listing = officer.get("/api/admin/comments/legal-holds");
		assertThat(listing.statusCode()).isEqualTo(200);
		assertThat(listing.body()).contains(id).contains("Klage 3 O 1/26").doesNotContain(CLIENT);
		var one = read(officer.get("/api/admin/comments/" + id + "/legal-hold").body());
		assertThat(one.get("legalHold").get("reason").asString()).isEqualTo("Klage 3 O 1/26");

		assertThat(officer.send("DELETE", "/api/admin/comments/" + id + "/legal-hold", null).statusCode())
			.isEqualTo(200);
		assertThat(officer.get("/api/admin/comments/legal-holds").body()).doesNotContain(id);
		assertThat(officer.get("/api/admin/comments/never-was/legal-hold").statusCode()).isEqualTo(410);
	}
}
