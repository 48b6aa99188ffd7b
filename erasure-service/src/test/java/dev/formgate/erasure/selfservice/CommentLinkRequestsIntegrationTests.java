package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.erasure.support.LedgerTests;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.events.CommentTickets;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.formgate.erasure.support.PrivacyApi.expectedStores;
import static dev.formgate.erasure.support.PrivacyApi.tree;
import static dev.formgate.testing.Http.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Requests from a comment's private link (docs/privacy.md, "The author's private link"): a ticket comment-service
 * signed files the request once, in the same ledger and with the same status link, export and receipt as "Meine
 * Daten"; every ticket that is not one files nothing and gets a page that echoes nothing.
 */
@ErasureServiceTest
class CommentLinkRequestsIntegrationTests extends LedgerTests {

	static final String FILE = "/privacy/request/comment";

	@Autowired
	CommentTickets tickets;

	String comments;

	@BeforeEach
	void registerCommentStore() {
		comments = registerStore("comments", "Publishing comments", "Veröffentlichung von Kommentaren");
	}

	String ticket(String commentId, String type) {
		return tickets.issue(commentId, type, clock.instant().plus(Duration.ofHours(1)));
	}

	HttpResponse<String> file(String ticket) {
		return http.postForm(FILE, fields("ticket", ticket, "lang", "de"), "Accept", "text/html");
	}

	List<Document> filedFor(SubjectRef subject) {
		return mongo.find(query(where("subjectRef").is(subject.value())), Document.class, "privacy_requests");
	}

	@Test
	void aTicketFilesTheAccessRequestOnceAndItsLinkShowsTheExport() {
		String commentId = UUID.randomUUID().toString();
		SubjectRef subject = subjectRefs.ofComment(commentId);
		String ticket = ticket(commentId, "ACCESS");

		HttpResponse<String> filed = file(ticket);

		assertThat(filed.statusCode()).isEqualTo(303);
		String location = filed.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith("/privacy/request?token=").doesNotContain(commentId);
		assertThat(file(ticket).headers().firstValue("Location")).as("the same ticket again").hasValue(location);
		List<Document> requests = filedFor(subject);
		assertThat(requests).hasSize(1);
		Document request = requests.getFirst();
		assertThat(request.getString("receivedVia")).isEqualTo("SELF_SERVICE");
		assertThat(request.getString("identityVerifiedBy")).isEqualTo("possession of the comment's private link");
		assertThat(request.getString("subjectNamedBy")).isEqualTo("COMMENT");
		assertThat(request.toJson()).doesNotContain(commentId).doesNotContain(ticket);
		assertThat(mongo.findOne(query(where("privacyRequestId").is(request.getString("_id"))), Document.class,
				"self_service_requests").toJson()).doesNotContain(commentId).doesNotContain(ticket);

		String id = request.getString("_id");
		PrivacyRequestId requestId = new PrivacyRequestId(id);
		String data = "{\"comments\":[{\"id\":\"" + commentId + "\",\"text\":\"Schöner Beitrag\"}]}";
		for (String store : expectedStores(api.get(id))) {
			stores.answer(store.equals(comments)
					? new StoreOutcomeReported(requestId, subject, store, Outcome.EXPORTED, Map.of("comments", 1L), null,
							seal.seal(requestId, data), Instant.now())
					: new StoreOutcomeReported(requestId, subject, store, Outcome.NOTHING_FOUND, Map.of(), null, null,
							Instant.now()));
		}
		api.awaitState(id, "COMPLETED");

		HttpResponse<String> status = http.get(location);
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).contains(comments).contains("Bestätigung").contains("/privacy/request/export.json?token=");
		String token = location.substring(location.indexOf("token=") + 6, location.indexOf('&'));
		HttpResponse<String> json = http.get("/privacy/request/export.json?token=" + token);
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.body()).contains("Schöner Beitrag");
		assertThat(tree(api.http().get(PrivacyApi.REQUESTS + "/" + id + "/receipt").body())
			.path("identityVerifiedBy").asString()).isEqualTo("possession of the comment's private link");
	}

	@Test
	void theObjectionIsToTheEvidenceLogAndEveryRightIsFiledUnderTheCommentsReference() {
		String commentId = UUID.randomUUID().toString();

		assertThat(file(ticket(commentId, "OBJECTION")).statusCode()).isEqualTo(303);
		assertThat(file(ticket(commentId, "ERASURE")).statusCode()).isEqualTo(303);

		List<Document> filed = filedFor(subjectRefs.ofComment(commentId));
		assertThat(filed).extracting(d -> d.getString("type")).containsExactlyInAnyOrder("OBJECTION", "ERASURE");
		assertThat(filed).filteredOn(d -> "OBJECTION".equals(d.getString("type")))
			.extracting(d -> d.getString("purpose")).containsExactly("comment-evidence");
	}

	@Test
	void aTicketThatIsNotOneFilesNothingAndEchoesNothing() {
		String commentId = UUID.randomUUID().toString();
		String valid = ticket(commentId, "ACCESS");
		String expired = tickets.issue(commentId, "ACCESS", clock.instant().minusSeconds(1));
		var foreign = new CommentTickets("another-transport-key-with-at-least-32-bytes".getBytes(StandardCharsets.UTF_8));
		List<String> wrong = List.of(expired, ticket(commentId, "RESTRICTION"), ticket(commentId, "RECTIFICATION"),
				valid.replace("ACCESS", "ERASURE"), valid.substring(0, valid.length() - 2),
				foreign.issue(commentId, "ACCESS", clock.instant().plusSeconds(60)), "x".repeat(300), "",
				valid + "\u202e", "%2e%2e%2fadmin", valid.replace(".", "%2E"));

		for (String ticket : wrong) {
			HttpResponse<String> answer = file(ticket);
			assertThat(answer.statusCode()).as(ticket).isEqualTo(400);
			assertThat(answer.body()).contains("gilt nicht").doesNotContain(commentId);
		}
		HttpResponse<String> none = http.postForm(FILE, fields("lang", "en"), "Accept", "text/html");
		HttpResponse<String> twice = http.post(FILE, "application/x-www-form-urlencoded",
				"ticket=" + valid + "&ticket=" + valid, "Accept", "text/html");
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(none.body()).contains("does not work");
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).doesNotContain(commentId);
		assertThat(http.get(FILE).statusCode()).isBetween(400, 499);
		assertThat(filedFor(subjectRefs.ofComment(commentId))).isEmpty();
	}
}
