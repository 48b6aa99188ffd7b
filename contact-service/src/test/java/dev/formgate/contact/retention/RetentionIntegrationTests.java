package dev.formgate.contact.retention;

import dev.formgate.contact.request.ContactRequestService;
import dev.formgate.contact.request.ContactRequestState;
import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.events.CloudEvents;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ContactServiceTest
@ExtendWith(OutputCaptureExtension.class)
class RetentionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RetentionJob job;

	@Autowired
	ContactRequestService requests;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	EventLog events;

	@Autowired
	TestClock clock;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
	}

	String received(Map<String, Object> form) {
		assertThat(http.postJson("/api/contact", json(form)).statusCode()).isEqualTo(202);
		return mongo.getCollection("contact_requests").find(new Document("email", form.get("email"))).first()
			.getString("_id");
	}

	Document document(String id) {
		return mongo.getCollection("contact_requests").find(new Document("_id", id)).first();
	}

	@Test
	void deletesClosedRequestsAfterTheirPeriodAndRecordsItWithoutPersonalData(CapturedOutput output) {
		Map<String, Object> form = valid(newAddress());
		String id = received(form);
		requests.moveTo(id, ContactRequestState.CLOSED);
		clock.advance(Duration.ofDays(89));
		job.apply();
		assertThat(document(id)).as("not yet: closed 89 days ago").isNotNull();

		clock.advance(Duration.ofDays(2));
		job.apply();

		await().until(() -> document(id) == null);
		events.awaitRecords(r -> EventLog.value(r).contains(id)
				&& EventLog.header(r, CloudEvents.TYPE).endsWith(".ContactRequestPurged"), 1);
		assertThat(output.getOut()).containsPattern("Retention: \\d+ closed contact requests purged \\[[^]]*" + id);
		// The service's own lines; the in-process test SMTP server logs the addresses it creates mailboxes for.
		String serviceLog = output.getAll().lines().filter(line -> !line.contains("greenmail"))
			.collect(Collectors.joining("\n"));
		assertThat(serviceLog).doesNotContain((String) form.get("email")).doesNotContain("@example.org")
			.doesNotContain("Mustermann").doesNotContain((String) form.get("subject")).doesNotContain("fertig");
		assertThat(http.get("/api/admin/contact-requests/" + id, "Authorization",
				AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT)).statusCode()).isEqualTo(404);
	}

	@Test
	void keepsClosedRequestsUnderLegalHoldWithTheirReasonUntilReleased() {
		String id = received(valid(newAddress()));
		requests.moveTo(id, ContactRequestState.CLOSED);
		requests.holdLegally(id, "Klageverfahren anhängig", "jurist");
		clock.advance(Duration.ofDays(365));

		assertThat(requests.purgeClosed().keptUnderLegalHold()).isPositive();
		job.apply();

		Document kept = document(id);
		assertThat(kept).isNotNull();
		assertThat(kept.get("legalHold", Document.class)).containsEntry("reason", "Klageverfahren anhängig")
			.containsEntry("by", "jurist");
		assertThat(kept.getString("email")).as("kept whole, as the hold requires").isNotNull();

		requests.releaseLegalHold(id);
		job.apply();
		await().until(() -> document(id) == null);
	}

	@Test
	void neverDeletesOpenRequestsHoweverOld() {
		String id = received(valid(newAddress()));
		requests.moveTo(id, ContactRequestState.IN_PROGRESS);
		clock.advance(Duration.ofDays(400));

		job.apply();

		assertThat(document(id)).isNotNull();
		assertThat(requests.get(id).overdue()).isTrue();
	}
}
