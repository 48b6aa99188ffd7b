package dev.formgate.testing;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.Topics;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.DeadLetterProbe.Poison;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store's {@code privacy.requests} consumer must do, proven on the service's real context and broker: a
 * redelivered request (same CloudEvents id) is answered once, a re-request (new id) again; poison goes to the
 * binding's dead-letter topic without its content in key, headers or logs, and requests after it are answered; the
 * service's admin API lists the dead letters. Each service runs it as a subclass carrying its test annotation.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class PrivacyRequestsConsumerContract {

	private static final SubjectRefs SUBJECT_REFS = new SubjectRefs("contract-pepper-with-at-least-32-bytes!");

	@Autowired
	PrivacyLedger ledger;

	@Autowired
	DeadLetterProbe probe;

	@LocalServerPort
	int port;

	/** The store's name, which is also its consumer group. */
	protected abstract String store();

	/** Where the service's dead-letter admin API is. */
	protected abstract String deadLettersPath();

	@Test
	void answersARedeliveredRequestOnceAndARepeatedRequestAgain() {
		SubjectRef subject = SUBJECT_REFS.of(UUID.randomUUID() + "@example.org");
		var request = new ErasureRequested(PrivacyRequestId.random(), subject, Instant.now());
		String eventId = UUID.randomUUID().toString();
		ledger.send(request, eventId);
		ledger.send(request, eventId);
		// Same key, same partition: once the marker is answered, both deliveries above were consumed and relayed.
		var marker = new ErasureRequested(PrivacyRequestId.random(), subject, Instant.now());
		ledger.send(marker);
		ledger.awaitRawAnswers(marker.requestId(), 1);
		assertThat(ledger.awaitRawAnswers(request.requestId(), 1)).hasSize(1);

		ledger.send(request); // the ledger asks again under a new id: it has not got the answer
		assertThat(ledger.awaitRawAnswers(request.requestId(), 2)).hasSize(2);
		assertThat(ledger.answers(request.requestId())).extracting(a -> a.outcome())
			.containsOnly(Outcome.NOTHING_FOUND);
	}

	@Test
	void parksPoisonWithoutItsContentAndAnswersTheRequestsAfterIt(CapturedOutput output) {
		String address = "poisoned-" + UUID.randomUUID() + "@example.org";
		SubjectRef subject = SUBJECT_REFS.of(address);
		List<String> poisonIds = new ArrayList<>();
		for (Poison poison : DeadLetterProbe.poisons(address, CloudEvents.typeOf(ErasureRequested.class))) {
			poisonIds.add(probe.send(Topics.PRIVACY_REQUESTS, subject.value(), poison.value(), poison.type()));
		}
		var valid = new ErasureRequested(PrivacyRequestId.random(), subject, Instant.now());
		ledger.send(valid);

		assertThat(ledger.awaitAnswer(valid.requestId()).outcome()).isEqualTo(Outcome.NOTHING_FOUND);
		String deadLetterTopic = "error." + Topics.PRIVACY_REQUESTS + "." + store();
		for (String id : poisonIds) {
			ConsumerRecord<byte[], byte[]> deadLetter = probe.awaitDeadLetter(deadLetterTopic, id);
			DeadLetterProbe.assertNothingLeaks(deadLetter, address, "poisoned-", "example.org");
			assertThat(EventLog.key(deadLetter)).isEqualTo(subject.value());
		}
		var admin = new Http("http://127.0.0.1:" + port, "Authorization",
				AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));
		var listed = admin.get(deadLettersPath());
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		assertThat(listed.body()).contains(poisonIds).doesNotContain(address).doesNotContain("poisoned-");
		assertThat(output.getAll()).doesNotContain(address).doesNotContain("poisoned-");
	}
}
