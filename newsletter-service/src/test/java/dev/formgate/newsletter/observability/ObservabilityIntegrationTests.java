package dev.formgate.newsletter.observability;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRefs;
import dev.formgate.newsletter.support.EventLog;
import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.Inbox;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.PrivacyLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.formgate.newsletter.support.Http.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see: counters in Prometheus format without personal data, one trace from a sign-up into Kafka and
 * from a privacy request to its answer, health details only for admins.
 */
@NewsletterServiceTest
class ObservabilityIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	EventLog events;

	@Autowired
	SubjectRefs subjectRefs;

	@Autowired
	PrivacyLedger ledger;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
	}

	@Test
	void countsSignUpsAndConfirmationsWithoutPersonalDataInTags() {
		String email = "metrics-" + UUID.randomUUID() + "@example.org";
		http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}");
		String token = Inbox.firstLink(inbox.awaitMessages(email, 1)).replaceAll(".*token=([^&]+).*", "$1");
		http.get("/newsletter/confirm?token=" + token);
		http.postForm("/newsletter/confirm", fields("token", token));

		String scrape = http.get("/actuator/prometheus").body();

		assertThat(counter(scrape, "formgate_newsletter_signups_total", "channel=\"form\"")).isGreaterThanOrEqualTo(1);
		assertThat(counter(scrape, "formgate_newsletter_confirmations_total", "")).isGreaterThanOrEqualTo(1);
		assertThat(scrape).contains("formgate_outbox_mails").contains("formgate_outbox_events")
			.contains("http_server_requests_seconds_count")
			// consumer lag: the binder's per group and topic, and the Kafka client's own
			.contains("spring_cloud_stream_binder_kafka_offset")
			.contains("kafka_consumer_fetch_manager_records_lag_max")
			.doesNotContain("@")
			.doesNotContain(token)
			.doesNotContain(subjectRefs.of(email).value());
	}

	@Test
	void carriesTheTraceOfTheSignUpThroughTheOutboxIntoTheKafkaRecord() {
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String email = "traced-" + UUID.randomUUID() + "@example.org";
		String subjectRef = subjectRefs.of(email).value();

		http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}",
				"traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

		var record = events.awaitRecords(r -> EventLog.key(r).equals(subjectRef), 1).getFirst();
		assertThat(EventLog.header(record, CloudEvents.TYPE)).endsWith("SubscriptionRequested");
		assertThat(EventLog.header(record, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
	}

	@Test
	void answersAPrivacyRequestWithinTheTraceTheRequestCameIn() {
		String traceId = UUID.randomUUID().toString().replace("-", "");
		var request = new ErasureRequested(new PrivacyRequestId(UUID.randomUUID().toString()),
				subjectRefs.of("nobody-" + UUID.randomUUID() + "@example.org"), Instant.now());

		ledger.sendTraced(request, "00-" + traceId + "-00f067aa0ba902b7-01");

		var answer = ledger.awaitRawAnswers(request.requestId(), 1).getFirst();
		assertThat(EventLog.header(answer, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
	}

	@Test
	void showsHealthDetailsOnlyWithAnAdminToken() {
		assertThat(http.get("/actuator/health").body()).doesNotContain("components");
		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

		String details = http.get("/actuator/health", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN)).body();

		assertThat(details).contains("\"mongo\"").contains("\"mail\"").contains("\"binders\"");
	}

	/** The sum of a counter's samples whose labels contain the given text. */
	static double counter(String scrape, String name, String labels) {
		var sample = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
		double sum = 0;
		while (sample.find()) {
			if (sample.group(1).contains(labels)) {
				sum += Double.parseDouble(sample.group(2));
			}
		}
		return sum;
	}
}
