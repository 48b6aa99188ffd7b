package dev.formgate.contact.request;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.Inbox;
import dev.formgate.events.CloudEvents;
import dev.formgate.events.SubjectRefs;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxEvent;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

@ContactServiceTest
class OutboxIntegrationTests {

	static final String STAFF = "buergerservice@formgate.test";

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	EventLog events;

	@Autowired
	OutboxRelay<ContactRequest> relay;

	@Autowired
	ContactRequestService requests;

	@Autowired
	JavaMailSenderImpl smtp;

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

	ContactRequest stored(String email) {
		return mongo.findOne(query(where("subjectRef").is(subjectRefs.of(email).value())), ContactRequest.class);
	}

	@Test
	void requestAcceptedWhileSmtpIsDownIsMailedOnceItIsBackAndExactlyOnce() throws IOException {
		String email = newAddress();
		int smtpPort = smtp.getPort();
		smtp.setPort(closedPort());
		String id;
		try {
			assertThat(http.postJson("/api/contact", json(valid(email))).statusCode()).isEqualTo(202);
			id = stored(email).id();

			await().atMost(Duration.ofSeconds(20)).until(() -> stored(email).outbox().failures() > 0);
			ContactRequest waiting = stored(email);
			assertThat(waiting.outbox().mails()).extracting(m -> m.kind(ContactRequest.Mail.class))
				.containsExactlyInAnyOrder(ContactRequest.Mail.STAFF_NOTIFICATION, ContactRequest.Mail.ACKNOWLEDGEMENT);
			assertThat(waiting.outbox().due()).isAfter(clock.instant());
			assertThat(inbox.messagesTo(STAFF, id)).isEmpty();
		}
		finally {
			smtp.setPort(smtpPort);
		}

		inbox.awaitMessage(STAFF, id);
		inbox.awaitMessages(email, 1);
		await().until(() -> stored(email).outbox().due() == null);
		clock.advance(Duration.ofMinutes(10)); // any backoff still pending would now be due
		String other = newAddress();
		http.postJson("/api/contact", json(valid(other)));
		inbox.awaitMessages(other, 1); // the relay has run rounds since: a second copy would be out too
		assertThat(inbox.messagesTo(STAFF, id)).hasSize(1);
		assertThat(inbox.messagesTo(email)).hasSize(1);
	}

	@Test
	void requestStoredWhileTheRelayIsDownIsPublishedAndMailedOnceItRuns() {
		String email = newAddress();
		String subjectRef = subjectRefs.of(email).value();
		relay.stop();
		String id;
		try {
			assertThat(http.postJson("/api/contact", json(valid(email))).statusCode()).isEqualTo(202);

			ContactRequest stored = stored(email);
			id = stored.id();
			assertThat(stored.outbox().events()).extracting(OutboxEvent::type)
				.containsExactly("dev.formgate.contact.ContactRequestReceived");
			assertThat(events.all()).noneMatch(r -> EventLog.key(r).equals(subjectRef));
			assertThat(inbox.messagesTo(STAFF, id)).isEmpty();
		}
		finally {
			relay.start();
		}

		events.awaitRecords(r -> EventLog.key(r).equals(subjectRef), 1);
		inbox.awaitMessage(STAFF, id);
		await().until(() -> stored(email).outbox().due() == null);
		assertThat(events.all().stream().filter(r -> EventLog.key(r).equals(subjectRef))).hasSize(1);
		assertThat(inbox.messagesTo(STAFF, id)).hasSize(1);
	}

	@Test
	void eventsAreCloudEventsKeyedBySubjectRefWithoutPersonalData() {
		String email = newAddress();
		String subjectRef = subjectRefs.of(email).value();
		Map<String, Object> form = valid(email);
		form.put("name", "Zacharias Privatmann");
		http.postJson("/api/contact", json(form), "X-Forwarded-For", "192.0.2.77");
		String id = stored(email).id();
		requests.moveTo(id, ContactRequestState.CLOSED);
		clock.advance(Duration.ofDays(91));
		assertThat(requests.purgeClosed().purged()).contains(id);

		List<ConsumerRecord<byte[], byte[]>> mine = events.awaitRecords(r -> EventLog.key(r).equals(subjectRef), 3);

		assertThat(mine).extracting(r -> EventLog.header(r, CloudEvents.TYPE)).containsExactly(
				"dev.formgate.contact.ContactRequestReceived", "dev.formgate.contact.ContactRequestClosed",
				"dev.formgate.contact.ContactRequestPurged");
		assertThat(EventLog.value(mine.getFirst())).contains("\"subjectRef\":\"" + subjectRef + "\"")
			.contains("\"requestId\":\"" + id + "\"").contains("\"topic\":\"buergerservice\"");
		assertThat(mine).extracting(r -> EventLog.header(r, CloudEvents.ID)).doesNotHaveDuplicates();
		for (ConsumerRecord<byte[], byte[]> record : events.all()) {
			assertThat(EventLog.everything(record)).doesNotContainIgnoringCase("@example.org")
				.doesNotContain("Zacharias").doesNotContain("Privatmann").doesNotContain("Antrag")
				.doesNotContain("fertig").doesNotContain("192.0.2.77");
			assertThat(EventLog.header(record, CloudEvents.SPECVERSION)).isEqualTo("1.0");
			assertThat(EventLog.header(record, CloudEvents.SOURCE)).isEqualTo("/formgate/contact-service");
		}
		await().until(() -> mongo.findById(id, ContactRequest.class) == null);
	}

	@Test
	void aRequestWhoseOutboxWasWrittenByTheEarlierVersionRelaysWhatItOwes() {
		String email = newAddress();
		String subjectRef = subjectRefs.of(email).value();
		String eventId = UUID.randomUUID().toString();
		relay.stop();
		String id;
		try {
			http.postJson("/api/contact", json(valid(email)));
			id = stored(email).id();
			// Until 0.1 an outbox entry held only the kind of change; the relay built the event when it sent it.
			Document legacy = new Document("eventId", eventId).append("kind", "RECEIVED")
				.append("occurredAt", Date.from(clock.instant())).append("traceparent", null);
			mongo.updateFirst(query(where("_id").is(id)), new Update().set(Outbox.EVENTS, List.of(legacy)),
					ContactRequests.COLLECTION);
		}
		finally {
			relay.start();
		}

		ConsumerRecord<byte[], byte[]> received = events.awaitRecords(r -> EventLog.key(r).equals(subjectRef), 1)
			.getFirst();

		assertThat(EventLog.header(received, CloudEvents.ID)).isEqualTo(eventId);
		assertThat(EventLog.header(received, CloudEvents.TYPE)).isEqualTo("dev.formgate.contact.ContactRequestReceived");
		assertThat(EventLog.value(received)).contains("\"requestId\":\"" + id + "\"", "\"topic\":\"buergerservice\"");
		inbox.awaitMessage(STAFF, id);
		await().until(() -> stored(email).outbox().due() == null);
	}

	private static int closedPort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
