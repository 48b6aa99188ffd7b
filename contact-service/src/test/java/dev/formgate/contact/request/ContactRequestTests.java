package dev.formgate.contact.request;

import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.outbox.OutboxEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contact request's workflow, legal hold, retention and what each change owes, without Spring or a store. */
class ContactRequestTests {

	static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
	static final SubjectRefs REFS = new SubjectRefs("test-pepper-with-at-least-thirty-two-bytes");
	static final SubjectRef SENDER = REFS.of("max@example.org");

	static ContactRequest received(boolean acknowledge) {
		return ContactRequest.received(new NewContactRequest("buergerservice", "Max Muster", "max@example.org",
				"Antrag", "Ist mein Antrag fertig?", "de"), SENDER, acknowledge, NOW);
	}

	static void relayEverything(ContactRequest r) {
		r.outbox().eventsRelayed(r.outbox().events().stream().map(OutboxEvent::eventId).collect(Collectors.toSet()));
		r.outbox().mails().forEach(m -> r.outbox().mailSent(m.mailId()));
	}

	@Test
	void aNewRequestOwesTheStaffNotificationAndOnRequestTheAcknowledgementAndRecordsItsReceipt() {
		ContactRequest withAcknowledgement = received(true);
		ContactRequest without = received(false);

		assertThat(withAcknowledgement.outbox().mails()).extracting(m -> m.kind(ContactRequest.Mail.class))
			.containsExactly(ContactRequest.Mail.STAFF_NOTIFICATION, ContactRequest.Mail.ACKNOWLEDGEMENT);
		assertThat(without.outbox().mails()).extracting(m -> m.kind(ContactRequest.Mail.class))
			.containsExactly(ContactRequest.Mail.STAFF_NOTIFICATION);
		assertThat(withAcknowledgement.outbox().events()).singleElement().satisfies(e -> {
			assertThat(e.type()).isEqualTo("dev.formgate.contact.ContactRequestReceived");
			assertThat(e.key()).isEqualTo(SENDER.value());
			assertThat(e.data()).contains("\"topic\":\"buergerservice\"").doesNotContain("Max", "Antrag", "max@");
		});
		assertThat(withAcknowledgement.state()).isEqualTo(ContactRequestState.RECEIVED);
	}

	@Test
	void aRestrictionCoversOnlyWhatWasReceivedBeforeIt() {
		ContactRequest request = received(true);

		assertThat(request.isRestrictedBy(null)).as("no restriction").isFalse();
		assertThat(request.isRestrictedBy(NOW.plusSeconds(1))).as("restricted after receipt").isTrue();
		assertThat(request.isRestrictedBy(NOW)).as("sent as the restriction began: the person's consent").isFalse();
		assertThat(request.isRestrictedBy(NOW.minusSeconds(1))).as("sent while restricted: consent").isFalse();
	}

	@Test
	void staffSeeWhichMailsARestrictionHoldsAndNoneWhereItDoesNotApply() {
		ContactRequest request = received(true);

		assertThat(ProcessingRestriction.of(request, null)).isNull();
		assertThat(ProcessingRestriction.of(request, NOW.plusSeconds(1))).satisfies(r -> {
			assertThat(r.applies()).isTrue();
			assertThat(r.heldMails()).containsExactly("STAFF_NOTIFICATION", "ACKNOWLEDGEMENT");
		});
		assertThat(ProcessingRestriction.of(request, NOW.minusSeconds(1))).satisfies(r -> {
			assertThat(r.applies()).isFalse();
			assertThat(r.heldMails()).isEmpty();
		});
	}

	@Test
	void closingRecordsItsEventOnceAndARepeatedMoveChangesNothing() {
		ContactRequest r = received(false);
		relayEverything(r);

		assertThat(r.moveTo(ContactRequestState.CLOSED, NOW.plusSeconds(60))).isTrue();
		assertThat(r.moveTo(ContactRequestState.CLOSED, NOW.plusSeconds(120))).isFalse();

		assertThat(r.closedAt()).isEqualTo(NOW.plusSeconds(60));
		assertThat(r.outbox().events()).singleElement()
			.satisfies(e -> assertThat(e.type()).isEqualTo("dev.formgate.contact.ContactRequestClosed"));
		assertThat(r.outbox().due()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void aMoveTheWorkflowDoesNotAllowIsRefusedAndChangesNothing() {
		ContactRequest r = received(false);

		assertThatThrownBy(() -> r.moveTo(ContactRequestState.ANSWERED, NOW)).isInstanceOf(IllegalStateChange.class);
		assertThat(r.state()).isEqualTo(ContactRequestState.RECEIVED);
	}

	@Test
	void reopeningForgetsTheClosingTime() {
		ContactRequest r = received(false);
		r.moveTo(ContactRequestState.CLOSED, NOW);

		r.moveTo(ContactRequestState.IN_PROGRESS, NOW.plusSeconds(60));

		assertThat(r.closedAt()).isNull();
		assertThat(r.isDueForPurge(NOW.plus(Duration.ofDays(365)))).isFalse();
	}

	@Test
	void onlyAClosedRequestPastItsRetentionAndWithoutLegalHoldIsDueForPurge() {
		ContactRequest r = received(false);
		assertThat(r.isDueForPurge(NOW.plusSeconds(1))).as("open").isFalse();
		r.moveTo(ContactRequestState.CLOSED, NOW);

		assertThat(r.isDueForPurge(NOW)).as("closed just now").isFalse();
		assertThat(r.isDueForPurge(NOW.plusSeconds(1))).isTrue();

		r.holdLegally("court order", "staff", NOW);
		assertThat(r.isDueForPurge(NOW.plusSeconds(1))).as("under legal hold").isFalse();
		assertThat(r.releaseLegalHold(NOW)).isTrue();
		assertThat(r.releaseLegalHold(NOW)).as("no hold any more").isFalse();
		assertThat(r.isDueForPurge(NOW.plusSeconds(1))).isTrue();
	}

	@Test
	void purgingRemovesAllPersonalDataAndOwedMailsAndTheDocumentGoesOnceItsEventIsOut() {
		ContactRequest r = received(true);
		r.addNote("Rückruf vereinbart", "staff", NOW);
		r.moveTo(ContactRequestState.CLOSED, NOW);

		r.purge(NOW.plus(Duration.ofDays(91)));

		assertThat(r.name()).isNull();
		assertThat(r.email()).isNull();
		assertThat(r.subject()).isNull();
		assertThat(r.message()).isNull();
		assertThat(r.notes()).isEmpty();
		assertThat(r.outbox().mails()).isEmpty();
		assertThat(r.isPurged()).isTrue();
		assertThat(r.outbox().events().getLast().type()).isEqualTo("dev.formgate.contact.ContactRequestPurged");
		assertThat(r.isGoneOnceRelayed()).isFalse();
		relayEverything(r);
		assertThat(r.isGoneOnceRelayed()).isTrue();
	}

	@Test
	void aCorrectedAddressMovesTheRequestToTheNewSubjectWhileItsRecordedEventKeepsTheEarlierOne() {
		ContactRequest r = received(false);
		SubjectRef corrected = REFS.of("max.new@example.org");

		r.rectify(corrected, "max.new@example.org", NOW.plusSeconds(60));

		assertThat(r.subjectRef()).isEqualTo(corrected);
		assertThat(r.email()).isEqualTo("max.new@example.org");
		assertThat(r.outbox().events()).singleElement()
			.satisfies(e -> assertThat(e.key()).isEqualTo(SENDER.value()));
	}

	@Test
	void onlyAnOpenRequestReceivedBeforeTheCutoffIsOverdue() {
		ContactRequest r = received(false);

		assertThat(r.isOverdue(NOW)).isFalse();
		assertThat(r.isOverdue(NOW.plusSeconds(1))).isTrue();
		r.moveTo(ContactRequestState.CLOSED, NOW);
		assertThat(r.isOverdue(NOW.plusSeconds(1))).isFalse();
	}
}
