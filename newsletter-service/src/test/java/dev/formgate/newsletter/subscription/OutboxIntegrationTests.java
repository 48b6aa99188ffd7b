package dev.formgate.newsletter.subscription;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.SubjectRefs;
import dev.formgate.newsletter.support.EventLog;
import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.Inbox;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.newsletter.support.TestClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.formgate.newsletter.support.Http.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

@NewsletterServiceTest
class OutboxIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	EventLog events;

	@Autowired
	OutboxRelay relay;

	@Autowired
	SubscriptionService subscriptions;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubjectRefs subjectRefs;

	@Autowired
	TestClock clock;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
	}

	@Test
	void stateChangeCommittedWhileTheRelayIsDownIsPublishedAndMailedOnceItRuns() {
		String email = "outage-" + UUID.randomUUID() + "@example.org";
		String subjectRef = subjectRefs.of(email).value();
		relay.stop();
		try {
			assertThat(http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}")
				.statusCode()).isEqualTo(202);

			Subscription stored = mongo.findOne(query(where("subjectRef").is(subjectRef)), Subscription.class);
			assertThat(stored.outbox()).extracting(OutboxEvent::kind).containsExactly(OutboxEvent.Kind.REQUESTED);
			assertThat(stored.mails()).extracting(PendingMail::kind).containsExactly(PendingMail.Kind.CONFIRMATION);
			assertThat(events.all()).noneMatch(r -> EventLog.key(r).equals(subjectRef));
			assertThat(inbox.messagesTo(email)).isEmpty();
		}
		finally {
			relay.start();
		}

		events.awaitRecords(r -> EventLog.key(r).equals(subjectRef), 1);
		inbox.awaitMessages(email, 1);
		await().until(() -> mongo.findOne(query(where("subjectRef").is(subjectRef)), Subscription.class).relayDue() == null);
		assertThat(events.all().stream().filter(r -> EventLog.key(r).equals(subjectRef))).hasSize(1);
		assertThat(inbox.messagesTo(email)).hasSize(1);
	}

	@Test
	void eventsAreCloudEventsKeyedBySubjectRefWithoutPersonalData() {
		String email = "private-" + UUID.randomUUID() + "@example.org";
		String ip = "192.0.2.77";
		String subjectRef = subjectRefs.of(email).value();
		http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}",
				"X-Forwarded-For", ip, "User-Agent", "PrivateBrowser/1.0");
		String link = Inbox.firstLink(inbox.awaitMessages(email, 1));
		String token = link.replaceAll(".*token=([^&]+).*", "$1");
		http.postForm("/newsletter/confirm", fields("token", token), "X-Forwarded-For", ip);
		String unsubscribe = Inbox.firstLink(inbox.awaitMessages(email, 2));
		http.postForm("/newsletter/unsubscribe", fields("token", unsubscribe.replaceAll(".*token=([^&]+).*", "$1")));

		List<ConsumerRecord<byte[], byte[]>> mine = events.awaitRecords(r -> EventLog.key(r).equals(subjectRef), 3);

		assertThat(mine).extracting(r -> EventLog.header(r, CloudEvents.TYPE)).containsExactly(
				"dev.formgate.newsletter.SubscriptionRequested", "dev.formgate.newsletter.SubscriptionConfirmed",
				"dev.formgate.newsletter.Unsubscribed");
		for (ConsumerRecord<byte[], byte[]> record : events.all()) {
			String everything = EventLog.key(record) + EventLog.value(record) + EventLog.headers(record);
			assertThat(everything).doesNotContainIgnoringCase("@example.org").doesNotContain(ip)
				.doesNotContain("PrivateBrowser").doesNotContain(token);
			assertThat(EventLog.header(record, CloudEvents.SPECVERSION)).isEqualTo("1.0");
			assertThat(EventLog.header(record, CloudEvents.SOURCE)).isEqualTo("/formgate/newsletter-service");
			assertThat(EventLog.header(record, CloudEvents.ID)).isNotBlank();
		}
		assertThat(mine).extracting(r -> EventLog.header(r, CloudEvents.ID)).doesNotHaveDuplicates();
		assertThat(EventLog.value(mine.getFirst())).contains("\"subjectRef\":\"" + subjectRef + "\"");
	}

	@Test
	void unconfirmedSignUpsLoseAllPersonalDataAfterTheRetentionPeriod() {
		String email = "stale-" + UUID.randomUUID() + "@example.org";
		String subjectRef = subjectRefs.of(email).value();
		http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}");
		String token = Inbox.firstLink(inbox.awaitMessages(email, 1)).replaceAll(".*token=([^&]+).*", "$1");

		clock.advance(Duration.ofDays(8));
		assertThat(subscriptions.expireUnconfirmed()).isPositive();

		events.awaitRecords(r -> EventLog.key(r).equals(subjectRef)
				&& EventLog.header(r, CloudEvents.TYPE).endsWith("SubscriptionExpired"), 1);
		await().until(() -> mongo.count(query(where("subjectRef").is(subjectRef)), Subscription.class) == 0);
		assertThat(http.postForm("/newsletter/confirm", fields("token", token)).statusCode()).isEqualTo(400);
	}
}
