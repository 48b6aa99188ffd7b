package dev.formgate.comment.comments.web;

import dev.formgate.comment.support.CommentForms;
import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.events.CloudEvents;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
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

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static dev.formgate.comment.support.CommentForms.json;
import static dev.formgate.comment.support.CommentForms.read;
import static dev.formgate.comment.support.CommentForms.valid;
import static dev.formgate.comment.support.CommentForms.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public calls on the real service: posting stores the text as typed and the client address apart, bad input is
 * a problem that changes nothing, the published comments are cacheable and revalidated without the store, the private
 * delete link works once, and no event or log line carries the text, the name or an address.
 */
@CommentServiceTest
@ExtendWith(OutputCaptureExtension.class)
class CommentApiIntegrationTests {

	static final String CLIENT = "203.0.113.77";

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	EventLog events;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestClock clock;

	Http http;

	@Autowired
	dev.formgate.events.CommentTickets tickets;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port, "X-Forwarded-For", CLIENT);
	}

	JsonNode post(Map<String, Object> form) {
		HttpResponse<String> answer = http.postJson("/api/comments", json(form));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
		return read(answer.body());
	}

	Document stored(String id) {
		return mongo.getCollection("comments").find(new Document("_id", id)).first();
	}

	Document evidence(String id) {
		return mongo.getCollection("comment_evidence").find(new Document("_id", id)).first();
	}

	long count(String collection) {
		return mongo.getCollection(collection).countDocuments();
	}

	@Test
	void storesTheTextAsTypedAndTheClientAddressApart(CapturedOutput output) {
		String markup = "<script>alert(1)</script> <b>fett</b> & \"zitiert\"\n\nzweiter Absatz";
		JsonNode answer = post(with(valid(), "text", markup));

		String id = answer.get("commentId").asString();
		assertThat(answer.get("state").asString()).isEqualTo("pending");
		assertThat(answer.get("deletePath").asString()).startsWith("/comments/delete?id=" + id + "&token=");
		Document comment = stored(id);
		assertThat(comment.getString("text")).isEqualTo(markup);
		assertThat(comment.toJson()).doesNotContain(CLIENT);
		assertThat(evidence(id).getString("clientAddress")).isEqualTo(CLIENT);

		var posted = events.awaitRecords(r -> EventLog.value(r).contains(id), 1).getFirst();
		assertThat(EventLog.header(posted, CloudEvents.TYPE)).isEqualTo("dev.formgate.comment.CommentPosted");
		assertThat(EventLog.everything(posted)).doesNotContain(CLIENT).doesNotContain("script")
			.doesNotContain(comment.getString("displayName"));
		assertThat(output.getAll()).doesNotContain(CLIENT).doesNotContain("<script>");
	}

	@Test
	void refusesBadInputWithAProblemAndStoresNothing() {
		long comments = count("comments");
		long evidence = count("comment_evidence");
		Map<String, Map<String, Object>> bad = Map.of(
				"text", with(valid(), "text", "x".repeat(3001)),
				"links", with(valid(), "text", "http://a.example https://b.example www.c.example http://d.example"),
				"site", with(valid(), "site", "elsewhere"),
				"post", with(valid(), "post", "../etc"),
				"bidi", with(valid(), "name", "Mallory\u202Eevil"),
				"control", with(valid(), "text", "bell\u0007"),
				"email", with(with(valid(), "notice", true), "email", "not-an-address"),
				"missing", with(valid(), "text", "   "));
		bad.forEach((what, form) -> {
			var answer = http.postJson("/api/comments", json(form));
			assertThat(answer.statusCode()).as(what).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
			assertThat(answer.body()).as(what).doesNotContain("Mallory").doesNotContain("not-an-address");
		});
		var closed = http.postJson("/api/comments", json(with(valid(), "post", "alt")));
		assertThat(closed.statusCode()).isEqualTo(409);
		assertThat(closed.body()).contains("comments-closed");
		var object = http.postJson("/api/comments", "{\"site\":{\"$ne\":null},\"post\":\"hallo\",\"text\":\"x\"}");
		assertThat(object.statusCode()).isEqualTo(400);

		assertThat(count("comments")).isEqualTo(comments);
		assertThat(count("comment_evidence")).isEqualTo(evidence);
	}

	@Test
	void answersABotThatFilledTheHoneypotAlikeAndStoresNothing() {
		long comments = count("comments");
		JsonNode answer = post(with(valid(), "website", "http://spam.example"));

		assertThat(answer.get("state").asString()).isEqualTo("pending");
		assertThat(answer.get("deletePath").asString()).startsWith("/comments/delete?id=");
		assertThat(count("comments")).isEqualTo(comments);
	}

	@Test
	void keepsTheNotificationAddressOnlyWhenTheAuthorAsksForTheNotice() {
		String address = CommentForms.newAddress();
		String without = post(with(valid(), "email", address)).get("commentId").asString();
		String with = post(CommentForms.withNotice(address)).get("commentId").asString();

		assertThat(stored(without).get("email")).isNull();
		assertThat(stored(without).get("subjectRef")).isNull();
		assertThat(stored(with).getString("email")).isEqualTo(address);
	}

	@Test
	void publishesAtOnceWhereTheSiteSaysSoAndAnswersCacheableWithoutAddresses() {
		var form = with(with(CommentForms.withNotice(CommentForms.newAddress()), "site", "open"), "post", "erster");
		JsonNode answer = post(form);
		assertThat(answer.get("state").asString()).isEqualTo("published");

		var read = http.get("/api/comments?site=open&post=erster");

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v)
			.contains("max-age=30").contains("public"));
		assertThat(read.headers().firstValue("ETag")).isPresent();
		JsonNode thread = read(read.body());
		assertThat(thread.get("open").asBoolean()).isTrue();
		JsonNode shown = java.util.stream.StreamSupport.stream(thread.get("comments").spliterator(), false)
			.filter(c -> c.get("id").asString().equals(answer.get("commentId").asString())).findFirst().orElseThrow();
		assertThat(shown.get("text").asString()).isEqualTo(form.get("text"));
		assertThat(shown.get("name").asString()).isEqualTo(form.get("name"));
		assertThat(shown.has("postedAt")).isTrue();
		assertThat(read.body()).doesNotContain("@example.org").doesNotContain(CLIENT).doesNotContain("subjectRef");
	}

	@Test
	void revalidatesWithoutReadingTheStore() {
		post(with(with(valid(), "site", "open"), "post", "zweiter"));
		var first = http.get("/api/comments?site=open&post=zweiter");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		double reads = meters.counter("formgate.comments.published.store.reads").count();

		for (int i = 0; i < 5; i++) {
			var again = http.get("/api/comments?site=open&post=zweiter", "If-None-Match", etag);
			assertThat(again.statusCode()).isEqualTo(304);
			assertThat(again.body()).isEmpty();
		}
		assertThat(meters.counter("formgate.comments.published.store.reads").count()).isEqualTo(reads);

		clock.advance(Duration.ofSeconds(31));
		assertThat(http.get("/api/comments?site=open&post=zweiter", "If-None-Match", etag).statusCode())
			.as("after max-age the store is asked again; nothing changed").isEqualTo(304);
		assertThat(meters.counter("formgate.comments.published.store.reads").count()).isEqualTo(reads + 1);
	}

	@Test
	void showsAPostsNewCommentAtOnceOnThisInstance() {
		var before = http.get("/api/comments?site=open&post=erster");
		JsonNode posted = post(with(with(valid(), "site", "open"), "post", "erster"));

		var after = http.get("/api/comments?site=open&post=erster", "If-None-Match",
				before.headers().firstValue("ETag").orElseThrow());

		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(after.body()).contains(posted.get("commentId").asString());
	}

	@Test
	void refusesToReadAnUnknownSiteOrPost() {
		assertThat(http.get("/api/comments?site=elsewhere&post=hallo").statusCode()).isEqualTo(400);
		assertThat(http.get("/api/comments?site=open&post=dritter").statusCode()).isEqualTo(400);
		assertThat(http.get("/api/comments").statusCode()).isEqualTo(400);
	}

	@Test
	void deletesByThePrivateLinkOnceAndRefusesItsReplay() {
		JsonNode posted = post(with(with(valid(), "site", "open"), "post", "erster"));
		String id = posted.get("commentId").asString();
		String path = posted.get("deletePath").asString();
		String token = path.substring(path.indexOf("token=") + 6);

		var page = http.get(path, "Accept", "text/html");
		assertThat(page.statusCode()).as("a GET only shows the button").isEqualTo(200);
		assertThat(page.body()).contains("method=\"post\"");
		assertThat(stored(id)).isNotNull();

		var deleted = http.postForm("/comments/delete", Http.fields("id", id, "token", token), "Accept", "text/html");
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(evidence(id)).isNull();
		assertThat(http.get("/api/comments?site=open&post=erster").body()).doesNotContain(id);
		var removed = events.awaitRecords(r -> EventLog.value(r).contains(id)
				&& EventLog.header(r, CloudEvents.TYPE).endsWith("CommentRemoved"), 1).getFirst();
		assertThat(EventLog.value(removed)).contains("AUTHOR");
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stored(id) == null);

		var replay = http.postForm("/comments/delete", Http.fields("id", id, "token", token), "Accept", "text/html");
		assertThat(replay.statusCode()).isEqualTo(410);
		var api = http.postJson("/api/comments/delete", "{\"id\":\"" + id + "\",\"token\":\"" + token + "\"}");
		assertThat(api.statusCode()).isEqualTo(410);
		assertThat(api.body()).contains("delete-link-invalid");
	}

	@Test
	void refusesAWrongTokenAndKeepsTheComment() {
		JsonNode posted = post(valid());
		String id = posted.get("commentId").asString();

		var answer = http.postJson("/api/comments/delete", "{\"id\":\"" + id + "\",\"token\":\"guessed\"}");

		assertThat(answer.statusCode()).isEqualTo(410);
		assertThat(stored(id).getString("text")).isNotNull();
		assertThat(evidence(id)).isNotNull();
	}

	/** docs/privacy.md, "The author's private link": the link's page offers the author's rights, signed for them. */
	@Test
	void theLinksPageOffersItsAuthorTheRightsOnTheCommentAsSignedTicketsWithoutTheSecret() {
		JsonNode posted = post(valid());
		String id = posted.get("commentId").asString();
		String path = posted.get("deletePath").asString();
		String token = java.net.URLDecoder.decode(path.substring(path.indexOf("token=") + 6), StandardCharsets.UTF_8);

		var page = http.get(path + "&lang=en", "Accept", "text/html");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Your rights on this comment")
			.contains("action=\"/privacy/request/comment\"").doesNotContain(java.net.URLEncoder.encode(token,
					StandardCharsets.UTF_8) + "\" name=\"ticket");
		var found = java.util.regex.Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"").matcher(page.body());
		java.util.List<String> types = new java.util.ArrayList<>();
		while (found.find()) {
			String ticket = found.group(1);
			assertThat(ticket).doesNotContain(token);
			var redeemed = tickets.redeem(ticket, clock.instant()).orElseThrow();
			assertThat(redeemed.commentId()).isEqualTo(id);
			assertThat(redeemed.expiresAt()).isBefore(clock.instant().plus(Duration.ofMinutes(61)));
			types.add(redeemed.type());
		}
		assertThat(types).containsExactlyInAnyOrder("ACCESS", "OBJECTION", "ERASURE");
		assertThat(stored(id).getString("text")).as("a GET changes nothing").isNotNull();
	}

	@Test
	void refusesACommentForAnotherSiteThanTheAddressNames() {
		var answer = http.postJson("/api/comments?site=elsewhere", json(valid()));
		var same = http.postJson("/api/comments?site=" + valid().get("site"), json(valid()));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("\"field\":\"site\"").doesNotContain("elsewhere");
		assertThat(same.statusCode()).isEqualTo(202);
	}

	@Test
	void theLinksPageOffersNoRightsForAWrongUsedOrMalformedLink() {
		JsonNode posted = post(valid());
		String id = posted.get("commentId").asString();

		for (String query : new String[] { "id=" + id + "&token=guessed", "id=" + id, "token=x",
				"id=..%2F..%2Fadmin&token=x", "id=" + id.toUpperCase() + "&token=x", "id=" + id + "%E2%80%AE&token=x",
				"id=" + id + "&id=" + id + "&token=x&token=y" }) {
			var page = http.get("/comments/delete?" + query, "Accept", "text/html");
			assertThat(page.statusCode()).as(query).isBetween(200, 499);
			assertThat(page.body()).as(query).doesNotContain("name=\"ticket\"");
		}
	}
}
