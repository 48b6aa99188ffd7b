package dev.formgate.erasure.activity;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.events.CommentEvent.CommentPosted;
import dev.formgate.events.CommentEvent.CommentPublished;
import dev.formgate.events.CommentEvent.CommentRejected;
import dev.formgate.events.CommentEvent.CommentRemoved;
import dev.formgate.events.CommentEvent.CommentRemoved.RemovedBy;
import dev.formgate.events.CommentId;
import dev.formgate.events.CloudEvents;
import dev.formgate.events.ContactEvent.ContactRequestClosed;
import dev.formgate.events.ContactEvent.ContactRequestPurged;
import dev.formgate.events.ContactEvent.ContactRequestReceived;
import dev.formgate.events.ContactRequestId;
import dev.formgate.events.NewsletterEvent.SubscriptionConfirmed;
import dev.formgate.events.NewsletterEvent.SubscriptionExpired;
import dev.formgate.events.NewsletterEvent.SubscriptionRequested;
import dev.formgate.events.NewsletterEvent.Unsubscribed;
import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.events.NewsletterEvent.ComplaintReceived;
import dev.formgate.events.NewsletterEvent.SubscriptionBounced;
import dev.formgate.events.NewsletterEvent.SubscriptionBounced.Kind;
import dev.formgate.events.CampaignId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.SubscriptionId;
import dev.formgate.events.Topics;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.DeadLetterProbe;
import dev.formgate.testing.Http;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The privacy office's figures come from the real topics through the real broker: each event counts once on its
 * Berlin calendar day, however often it is delivered, and nothing identifies anyone.
 */
@ErasureServiceTest
class ActivityIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	DeadLetterProbe probe;

	@Autowired
	MongoTemplate mongo;

	PrivacyApi api;

	int port;

	@BeforeEach
	void setUp(@LocalServerPort int port) {
		this.port = port;
		api = new PrivacyApi(port);
	}

	@Test
	void countsEachEventOnceOnItsBerlinDayHoweverOftenItIsDelivered() {
		SubjectRef subject = new SubjectRefs("activity-test-pepper-with-32-bytes-or-more").of(UUID.randomUUID() + "@example.org");
		String key = subject.value();
		SubscriptionId subscription = new SubscriptionId(UUID.randomUUID().toString());
		Instant morning = Instant.parse("2030-03-10T10:00:00Z");
		Instant lateEvening = Instant.parse("2030-03-10T22:30:00Z"); // 23:30 in Berlin
		Instant afterMidnight = Instant.parse("2030-03-10T23:30:00Z"); // 00:30 on the 11th in Berlin

		String requested = UUID.randomUUID().toString();
		newsletter(key, new SubscriptionRequested(subject, subscription, "news", "de", morning), requested);
		newsletter(key, new SubscriptionRequested(subject, subscription, "news", "de", morning), requested);
		newsletter(key, new SubscriptionRequested(subject, subscription, "news", "de", lateEvening));
		newsletter(key, new SubscriptionConfirmed(subject, subscription, "news", "v1", afterMidnight));
		newsletter(key, new Unsubscribed(subject, subscription, "news", Reason.LINK, morning));
		String oneClick = UUID.randomUUID().toString();
		newsletter(key, new Unsubscribed(subject, subscription, "news", Reason.ONE_CLICK, morning), oneClick);
		newsletter(key, new Unsubscribed(subject, subscription, "news", Reason.ONE_CLICK, morning), oneClick);
		String bounced = UUID.randomUUID().toString();
		var bounce = new SubscriptionBounced(subject, subscription, "news", new CampaignId("c1"), Kind.HARD, 0, true,
				morning);
		newsletter(key, bounce, bounced);
		newsletter(key, bounce, bounced);
		newsletter(key, new ComplaintReceived(subject, subscription, "news", new CampaignId("c2"), lateEvening));
		newsletter(key, new SubscriptionExpired(subject, subscription, "news", morning));
		ContactRequestId request = new ContactRequestId(UUID.randomUUID().toString());
		String received = UUID.randomUUID().toString();
		contact(key, new ContactRequestReceived(subject, request, "presse", morning), received);
		contact(key, new ContactRequestReceived(subject, request, "presse", morning), received);
		contact(key, new ContactRequestPurged(subject, request, "presse", morning), UUID.randomUUID().toString());
		contact(key, new ContactRequestClosed(subject, request, "presse", lateEvening), UUID.randomUUID().toString());

		// Each topic's events share one key, hence one partition, so they are consumed in order: once the last of a
		// topic is counted, so is every copy before it.
		JsonNode report = await().atMost(Duration.ofSeconds(20)).until(
				() -> report("2030-03-10", "2030-03-11"),
				r -> r.path("totals").path("expiredSignUps").asLong() == 1
						&& r.path("totals").path("contactRequestsClosed").asLong() == 1);

		JsonNode tenth = report.path("days").get(0);
		assertThat(tenth.path("date").asString()).isEqualTo("2030-03-10");
		assertThat(tenth.path("consentsRequested").asLong()).isEqualTo(2);
		assertThat(tenth.path("consentsConfirmed").asLong()).isZero();
		assertThat(tenth.path("unsubscribes").path("LINK").asLong()).isEqualTo(1);
		assertThat(tenth.path("unsubscribes").path("ONE_CLICK").asLong()).isEqualTo(1);
		assertThat(tenth.path("unsubscribes").path("ADMIN").asLong()).isZero();
		assertThat(tenth.path("expiredSignUps").asLong()).isEqualTo(1);
		assertThat(tenth.path("bounces").asLong()).isEqualTo(1);
		assertThat(tenth.path("complaints").asLong()).isEqualTo(1);
		assertThat(tenth.path("contactRequestsReceived").asLong()).isEqualTo(1);
		assertThat(tenth.path("contactRequestsClosed").asLong()).isEqualTo(1);
		JsonNode eleventh = report.path("days").get(1);
		assertThat(eleventh.path("date").asString()).isEqualTo("2030-03-11");
		assertThat(eleventh.path("consentsConfirmed").asLong()).isEqualTo(1);
		assertThat(eleventh.path("consentsRequested").asLong()).isZero();
		assertThat(report.path("totals").path("consentsRequested").asLong()).isEqualTo(2);
		assertThat(report.path("totals").has("date")).isFalse();
		for (String collection : new String[] { ActivityDay.COLLECTION, CountedEvent.COLLECTION }) {
			assertThat(mongo.getCollection(collection).find().into(new java.util.ArrayList<Document>()))
				.allSatisfy(document -> assertThat(document.toJson()).doesNotContain(key));
		}
	}

	@Test
	void countsTheCommentsPostedPublishedRejectedAndRemovedOnce() {
		CommentId first = new CommentId(UUID.randomUUID().toString());
		CommentId second = new CommentId(UUID.randomUUID().toString());
		Instant noon = Instant.parse("2030-05-02T10:00:00Z");
		String key = first.value(); // without an address, a comment's events are keyed by its id
		String posted = UUID.randomUUID().toString();
		comment(key, new CommentPosted(first, null, "www", "hallo", true, noon), posted);
		comment(key, new CommentPosted(first, null, "www", "hallo", true, noon), posted);
		comment(key, new CommentPosted(second, null, "www", "hallo", true, noon), UUID.randomUUID().toString());
		comment(key, new CommentPublished(first, null, "www", "hallo", noon), UUID.randomUUID().toString());
		comment(key, new CommentRejected(second, null, "www", "hallo", noon), UUID.randomUUID().toString());
		comment(key, new CommentRemoved(first, null, "www", "hallo", RemovedBy.MODERATOR, noon),
				UUID.randomUUID().toString());

		JsonNode report = await().atMost(Duration.ofSeconds(20)).until(() -> report("2030-05-02", "2030-05-02"),
				r -> r.path("totals").path("commentsRemoved").asLong() == 1);

		JsonNode day = report.path("days").get(0);
		assertThat(day.path("commentsPosted").asLong()).isEqualTo(2);
		assertThat(day.path("commentsPublished").asLong()).isEqualTo(1);
		assertThat(day.path("commentsRejected").asLong()).isEqualTo(1);
		assertThat(day.path("commentsRemoved").asLong()).isEqualTo(1);
	}

	@Test
	void answersDaysWithoutEventsAsZerosAndRefusesBadRanges() {
		JsonNode report = report("2031-01-01", "2031-01-03");
		assertThat(report.path("days").size()).isEqualTo(3);
		assertThat(report.path("totals").path("consentsRequested").asLong()).isZero();

		assertThat(api.http().get("/api/admin/activity?from=2031-01-03&to=2031-01-01").statusCode()).isEqualTo(400);
		assertThat(api.http().get("/api/admin/activity?from=2029-01-01&to=2031-01-03").statusCode()).isEqualTo(400);
		assertThat(api.http().get("/api/admin/activity?from=yesterday&to=2031-01-03").statusCode()).isEqualTo(400);
		assertThat(api.http().get("/api/admin/activity").statusCode()).isEqualTo(400);
		var contactAgent = new Http("http://127.0.0.1:" + port, "Authorization",
				AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));
		assertThat(contactAgent.get("/api/admin/activity?from=2031-01-01&to=2031-01-03").statusCode()).isEqualTo(403);
	}

	private JsonNode report(String from, String to) {
		var answer = api.http().get("/api/admin/activity?from=" + from + "&to=" + to);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return PrivacyApi.tree(answer.body());
	}

	private void newsletter(String key, Object event) {
		newsletter(key, event, UUID.randomUUID().toString());
	}

	private void newsletter(String key, Object event, String id) {
		probe.send(Topics.NEWSLETTER_EVENTS, key, JSON.writeValueAsBytes(event), CloudEvents.typeOf(event.getClass()),
				id);
	}

	private void comment(String key, Object event, String id) {
		probe.send(Topics.COMMENT_EVENTS, key, JSON.writeValueAsBytes(event), CloudEvents.typeOf(event.getClass()), id);
	}

	private void contact(String key, Object event, String id) {
		probe.send(Topics.CONTACT_EVENTS, key, JSON.writeValueAsBytes(event), CloudEvents.typeOf(event.getClass()), id);
	}
}
