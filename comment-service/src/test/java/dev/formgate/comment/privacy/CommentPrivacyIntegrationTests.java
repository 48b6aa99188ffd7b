package dev.formgate.comment.privacy;

import dev.formgate.comment.support.CommentForms;
import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyEvent.AccessRequested;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyEvent.ObjectionReceived;
import dev.formgate.events.PrivacyEvent.RectificationRequested;
import dev.formgate.events.PrivacyEvent.RestrictionLifted;
import dev.formgate.events.PrivacyEvent.RestrictionRequested;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.Http;
import dev.formgate.testing.PrivacyLedger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.formgate.comment.support.CommentForms.json;
import static dev.formgate.comment.support.CommentForms.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * comment-service answers every data-subject request the ledger sends over Kafka, for authors who gave an address and,
 * by the comment's own reference, for a request that names a comment (docs/privacy.md, "Requests by comment id"),
 * and does what it says: requests go in with a real producer, answers are read from {@code privacy.outcomes}.
 */
@CommentServiceTest
class CommentPrivacyIntegrationTests {

	static final TransportSeal LEDGER_SEAL = new TransportSeal(
			CommentServiceTest.TRANSPORT_KEY.getBytes(StandardCharsets.UTF_8));
	static final String CLIENT = "198.51.100.23";

	@LocalServerPort
	int port;

	@Autowired
	PrivacyLedger ledger;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubjectRefs subjectRefs;

	Http http;

	Http moderator;

	Http officer;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port, "X-Forwarded-For", CLIENT);
		moderator = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.COMMENT_MODERATOR));
		officer = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));
	}

	String post(Map<String, Object> form) {
		var answer = http.postJson("/api/comments", json(form));
		assertThat(answer.statusCode()).isEqualTo(202);
		return read(answer.body()).get("commentId").asString();
	}

	String published(String address) {
		String id = post(CommentForms.withNotice(address));
		assertThat(moderator.send("PUT", "/api/admin/comments/" + id + "/state", "{\"state\":\"PUBLISHED\"}")
			.statusCode()).isEqualTo(200);
		return id;
	}

	Document comment(String id) {
		return mongo.getCollection("comments").find(new Document("_id", id)).first();
	}

	Document evidence(String id) {
		return mongo.getCollection("comment_evidence").find(new Document("_id", id)).first();
	}

	StoreOutcomeReported ask(PrivacyEvent request) {
		ledger.send(request);
		return ledger.awaitAnswer(request.requestId());
	}

	SubjectRef ref(String address) {
		return subjectRefs.of(address);
	}

	@Test
	void erasureDeletesTheCommentsAndTheirEvidence() {
		String address = CommentForms.newAddress();
		String id = published(address);
		String pending = post(CommentForms.withNotice(address));

		var answer = ask(new ErasureRequested(PrivacyRequestId.random(), ref(address), Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.ERASED);
		assertThat(answer.counts()).containsEntry("comments", 2L).containsEntry("comment_evidence", 2L);
		await().atMost(Duration.ofSeconds(10)).until(() -> comment(id) == null && comment(pending) == null);
		assertThat(evidence(id)).isNull();
		assertThat(evidence(pending)).isNull();
		assertThat(http.get("/api/comments?site=blog&post=hallo").body()).doesNotContain(id);
		assertThat(ask(new ErasureRequested(PrivacyRequestId.random(), ref(address), Instant.now())).outcome())
			.isEqualTo(Outcome.NOTHING_FOUND);
	}

	@Test
	void erasureKeepsWhatALegalHoldKeepsAndTakesTheCommentDown() {
		String address = CommentForms.newAddress();
		String id = published(address);
		assertThat(officer.send("PUT", "/api/admin/comments/" + id + "/legal-hold",
				"{\"reason\":\"Abmahnung vom 1.12.\"}").statusCode()).isEqualTo(200);

		var answer = ask(new ErasureRequested(PrivacyRequestId.random(), ref(address), Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.RETAINED);
		assertThat(answer.reason()).contains("legal hold").doesNotContain("Abmahnung");
		assertThat(evidence(id)).isNotNull();
		assertThat(comment(id).getString("state")).isEqualTo("REMOVED");
		assertThat(http.get("/api/comments?site=blog&post=hallo").body()).doesNotContain(id);
	}

	@Test
	void accessExportsTheCommentsAndTheLoggedAddress() {
		String address = CommentForms.newAddress();
		var form = CommentForms.withNotice(address);
		String id = post(form);

		var answer = ask(new AccessRequested(PrivacyRequestId.random(), ref(address), Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.EXPORTED);
		String export = LEDGER_SEAL.open(answer.requestId(), answer.sealedData());
		assertThat(export).contains(id).contains(((String) form.get("text")).lines().findFirst().orElseThrow())
			.contains(CLIENT).contains(address);
	}

	@Test
	void objectionEndsTheEvidenceUnlessALegalHoldKeepsIt() {
		String address = CommentForms.newAddress();
		String free = published(address);
		String held = post(CommentForms.withNotice(address));
		officer.send("PUT", "/api/admin/comments/" + held + "/legal-hold", "{\"reason\":\"Klage angekündigt\"}");

		var answer = ask(new ObjectionReceived(PrivacyRequestId.random(), ref(address), "comment-evidence",
				Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.RETAINED);
		assertThat(evidence(free)).isNull();
		assertThat(evidence(held)).isNotNull();
		assertThat(comment(free).getString("state")).as("the comment itself stays published").isEqualTo("PUBLISHED");

		assertThat(ask(new ObjectionReceived(PrivacyRequestId.random(), ref(address), "newsletter", Instant.now()))
			.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
	}

	@Test
	void restrictionHidesAndFreezesTheCommentsUntilLifted() {
		String address = CommentForms.newAddress();
		String id = published(address);
		String pending = post(CommentForms.withNotice(address));

		assertThat(ask(new RestrictionRequested(PrivacyRequestId.random(), ref(address), Instant.now())).outcome())
			.isEqualTo(Outcome.DONE);

		assertThat(http.get("/api/comments?site=blog&post=hallo").body()).doesNotContain(id);
		var frozen = moderator.send("PUT", "/api/admin/comments/" + pending + "/state", "{\"state\":\"PUBLISHED\"}");
		assertThat(frozen.statusCode()).isEqualTo(409);
		assertThat(frozen.body()).contains("processing-restricted");

		ask(new RestrictionLifted(PrivacyRequestId.random(), ref(address), Instant.now()));
		assertThat(http.get("/api/comments?site=blog&post=hallo").body()).contains(id);
	}

	@Test
	void rectificationCorrectsTheNotificationAddress() {
		String address = CommentForms.newAddress();
		String corrected = CommentForms.newAddress();
		String id = post(CommentForms.withNotice(address));
		PrivacyRequestId requestId = PrivacyRequestId.random();
		var request = new RectificationRequested(requestId, ref(address), ref(corrected),
				LEDGER_SEAL.seal(requestId, corrected), Instant.now());

		assertThat(ask(request).outcome()).isEqualTo(Outcome.DONE);

		assertThat(comment(id).getString("email")).isEqualTo(corrected);
		assertThat(comment(id).getString("subjectRef")).isEqualTo(ref(corrected).value());
		assertThat(evidence(id).getString("subjectRef")).isEqualTo(ref(corrected).value());
	}

	SubjectRef byComment(String commentId) {
		return subjectRefs.ofComment(commentId);
	}

	@Test
	void aRequestByCommentIdReachesThatCommentOfAnAuthorWithoutAddress() {
		var form = CommentForms.valid();
		String id = post(form);
		String other = post(CommentForms.valid());
		moderator.send("PUT", "/api/admin/comments/" + id + "/state", "{\"state\":\"PUBLISHED\"}");

		var access = ask(new AccessRequested(PrivacyRequestId.random(), byComment(id), Instant.now()));

		assertThat(access.outcome()).isEqualTo(Outcome.EXPORTED);
		assertThat(access.subjectRef()).isEqualTo(byComment(id));
		String export = LEDGER_SEAL.open(access.requestId(), access.sealedData());
		assertThat(export).contains(id).contains((String) form.get("name")).contains(CLIENT).doesNotContain(other);
		assertThat(comment(id).getString("commentRef")).isEqualTo(byComment(id).value());
		assertThat(evidence(id).getString("commentRef")).isEqualTo(byComment(id).value());

		var objection = ask(new ObjectionReceived(PrivacyRequestId.random(), byComment(id), "comment-evidence",
				Instant.now()));
		assertThat(objection.outcome()).isEqualTo(Outcome.DONE);
		assertThat(objection.counts()).containsEntry("comment_evidence", 1L);
		assertThat(evidence(id)).isNull();
		assertThat(evidence(other)).isNotNull();
		assertThat(comment(id).getString("state")).isEqualTo("PUBLISHED");

		var erasure = ask(new ErasureRequested(PrivacyRequestId.random(), byComment(id), Instant.now()));
		assertThat(erasure.outcome()).isEqualTo(Outcome.ERASED);
		assertThat(erasure.counts()).containsEntry("comments", 1L);
		await().atMost(Duration.ofSeconds(10)).until(() -> comment(id) == null);
		assertThat(comment(other)).isNotNull();
		assertThat(http.get("/api/comments?site=blog&post=hallo").body()).doesNotContain(id);
	}

	@Test
	void aRequestByCommentIdReachesOnlyThatCommentOfAnAuthorWithAnAddress() {
		String address = CommentForms.newAddress();
		String named = post(CommentForms.withNotice(address));
		String sibling = post(CommentForms.withNotice(address));

		var restriction = ask(new RestrictionRequested(PrivacyRequestId.random(), byComment(named), Instant.now()));
		assertThat(restriction.outcome()).isEqualTo(Outcome.DONE);
		assertThat(comment(named).getBoolean("restricted")).isTrue();
		assertThat(comment(sibling).getBoolean("restricted")).isFalse();

		var erasure = ask(new ErasureRequested(PrivacyRequestId.random(), byComment(named), Instant.now()));
		assertThat(erasure.outcome()).isEqualTo(Outcome.ERASED);
		await().atMost(Duration.ofSeconds(10)).until(() -> comment(named) == null);
		assertThat(comment(sibling)).isNotNull();
		assertThat(evidence(sibling)).isNotNull();
	}

	@Test
	void aRequestByAnUnknownCommentIdFindsNothing() {
		String unknown = java.util.UUID.randomUUID().toString();

		assertThat(ask(new ErasureRequested(PrivacyRequestId.random(), byComment(unknown), Instant.now())).outcome())
			.isEqualTo(Outcome.NOTHING_FOUND);
		assertThat(ask(new AccessRequested(PrivacyRequestId.random(), byComment(unknown), Instant.now())).outcome())
			.isEqualTo(Outcome.NOTHING_FOUND);
	}

	@Test
	void commentsStoredWithoutTheirOwnReferenceGetItAtStart(@Autowired ApplicationContext context) {
		String id = post(CommentForms.valid());
		mongo.getCollection("comments").updateOne(new Document("_id", id),
				new Document("$unset", new Document("commentRef", "")));
		mongo.getCollection("comment_evidence").updateOne(new Document("_id", id),
				new Document("$unset", new Document("commentRef", "")));

		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				(ConfigurableApplicationContext) context, Duration.ZERO));

		assertThat(comment(id).getString("commentRef")).isEqualTo(byComment(id).value());
		assertThat(evidence(id).getString("commentRef")).isEqualTo(byComment(id).value());
	}
}
