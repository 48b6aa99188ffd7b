package dev.formgate.newsletter.subscription;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.SubjectRefs;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxEvent;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.newsletter.support.EventLog;
import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.Inbox;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.newsletter.support.TestClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.Date;
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
	OutboxRelay<Subscription> relay;

	@Autowired
	SubjectRights rights;

	@Autowired
	SubscriptionRetention retention;

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
			assertThat(stored.outbox().events()).extracting(OutboxEvent::type)
				.containsExactly("dev.formgate.newsletter.SubscriptionRequested");
			assertThat(stored.outbox().mails()).extracting(m -> m.kind(Subscription.Mail.class))
				.containsExactly(Subscription.Mail.CONFIRMATION);
			assertThat(events.all()).noneMatch(r -> EventLog.key(r).equals(subjectRef));
			assertThat(inbox.messagesTo(email)).isEmpty();
		}
		finally {
			relay.start();
		}

		events.awaitRecords(r -> EventLog.key(r).equals(subjectRef), 1);
		inbox.awaitMessages(email, 1);
		await().until(() -> mongo.findOne(query(where("subjectRef").is(subjectRef)), Subscription.class).outbox()
			.due() == null);
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
		assertThat(retention.expireUnconfirmed()).isPositive();

		events.awaitRecords(r -> EventLog.key(r).equals(subjectRef)
				&& EventLog.header(r, CloudEvents.TYPE).endsWith("SubscriptionExpired"), 1);
		await().until(() -> mongo.count(query(where("subjectRef").is(subjectRef)), Subscription.class) == 0);
		assertThat(http.postForm("/newsletter/confirm", fields("token", token)).statusCode()).isEqualTo(400);
	}

	@Test
	void anEventRelayedAfterARectificationCarriesTheSubjectRefOfTheStateItDescribes() {
		String before = "before-" + UUID.randomUUID() + "@example.org";
		String after = "after-" + UUID.randomUUID() + "@example.org";
		String oldRef = subjectRefs.of(before).value();
		String newRef = subjectRefs.of(after).value();
		relay.stop();
		try {
			http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + before + "\",\"consent\":true}");
			rights.rectify(subjectRefs.of(before), subjectRefs.of(after), after);
		}
		finally {
			relay.start();
		}

		List<ConsumerRecord<byte[], byte[]>> requested = events.awaitRecords(
				r -> EventLog.key(r).equals(oldRef) || EventLog.key(r).equals(newRef), 2);

		// Two keys, so two partitions: the log orders each key's events, not the two keys' events among each other.
		assertThat(requested).extracting(EventLog::key).containsExactlyInAnyOrder(oldRef, newRef);
		assertThat(requested).filteredOn(r -> EventLog.key(r).equals(oldRef)).singleElement()
			.satisfies(r -> assertThat(EventLog.value(r)).contains("\"subjectRef\":\"" + oldRef + "\"")
				.doesNotContain(newRef));
		assertThat(requested).filteredOn(r -> EventLog.key(r).equals(newRef)).singleElement()
			.satisfies(r -> assertThat(EventLog.value(r)).contains("\"subjectRef\":\"" + newRef + "\""));
		inbox.awaitMessages(after, 1);
		assertThat(inbox.messagesTo(before)).isEmpty();
	}

	@Test
	void aSubscriptionWhoseOutboxWasWrittenByTheEarlierVersionRelaysWhatItOwes() {
		String email = "earlier-" + UUID.randomUUID() + "@example.org";
		String subjectRef = subjectRefs.of(email).value();
		String eventId = UUID.randomUUID().toString();
		relay.stop();
		try {
			http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}");
			// Until 0.1 an outbox entry held only the kind of change; the relay built the event when it sent it.
			Document legacy = new Document("eventId", eventId).append("kind", "REQUESTED")
				.append("occurredAt", Date.from(clock.instant())).append("reason", null).append("traceparent", null);
			mongo.updateFirst(query(where("subjectRef").is(subjectRef)),
					new Update().set(Outbox.EVENTS, List.of(legacy)), Subscriptions.COLLECTION);
		}
		finally {
			relay.start();
		}

		ConsumerRecord<byte[], byte[]> requested = events.awaitRecords(r -> EventLog.key(r).equals(subjectRef), 1)
			.getFirst();

		assertThat(EventLog.header(requested, CloudEvents.ID)).isEqualTo(eventId);
		assertThat(EventLog.header(requested, CloudEvents.TYPE)).isEqualTo("dev.formgate.newsletter.SubscriptionRequested");
		assertThat(EventLog.value(requested)).contains("\"subjectRef\":\"" + subjectRef + "\"", "\"list\":\"news\"");
		inbox.awaitMessages(email, 1);
		await().until(() -> mongo.findOne(query(where("subjectRef").is(subjectRef)), Subscription.class).outbox()
			.due() == null);
	}
}
