package dev.formgate.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox's own rules: when a document is due, and when it owes nothing any more. */
class OutboxTests {

	static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

	enum Mail {
		HELLO, BYE
	}

	record Said(String what) {
	}

	final Outbox outbox = new Outbox();

	OutboxEvent recordOne() {
		OutboxEvent event = OutboxEvent.of("subject", new Said("hello"), NOW);
		outbox.record(event, NOW);
		return event;
	}

	@Test
	void recordingAnEventMakesTheDocumentDueNowWithTheEventAsItGoesOut() {
		OutboxEvent event = recordOne();

		assertThat(outbox.due()).isEqualTo(NOW);
		assertThat(outbox.events()).containsExactly(event);
		assertThat(event.data()).isEqualTo("{\"what\":\"hello\"}");
		assertThat(event.time()).isEqualTo("2026-12-02T10:00:00Z");
		assertThat(event.key()).isEqualTo("subject");
		assertThat(event.isLegacy()).isFalse();
	}

	@Test
	void aDocumentThatOwesNothingIsNotDueAndForgetsItsFailures() {
		OutboxEvent event = recordOne();
		outbox.owe(OwedMail.of(Mail.HELLO, NOW), NOW);
		outbox.relayFailed(NOW, Duration.ofSeconds(30));

		outbox.eventsRelayed(Set.of(event.eventId()));
		assertThat(outbox.due()).as("the mail is still owed").isNotNull();
		outbox.mailSent(outbox.mails().getFirst().mailId());

		assertThat(outbox.due()).isNull();
		assertThat(outbox.failures()).isZero();
	}

	@Test
	void failuresInARowDoubleTheWaitUpToTheLongest() {
		recordOne();

		outbox.relayFailed(NOW, Duration.ofSeconds(30));
		assertThat(outbox.due()).isEqualTo(NOW.plusSeconds(2));
		outbox.relayFailed(NOW, Duration.ofSeconds(30));
		assertThat(outbox.due()).isEqualTo(NOW.plusSeconds(4));
		for (int i = 0; i < 40; i++) {
			outbox.relayFailed(NOW, Duration.ofSeconds(30));
		}
		assertThat(outbox.due()).isEqualTo(NOW.plusSeconds(30));
	}

	@Test
	void heldMailsStopTheRelayLookingOnceTheEventsAreOutUntilReleased() {
		outbox.owe(OwedMail.of(Mail.HELLO, NOW), NOW);

		outbox.holdMails();
		assertThat(outbox.due()).isNull();
		assertThat(outbox.mails()).hasSize(1);

		assertThat(outbox.releaseMails(NOW.plusSeconds(60))).isTrue();
		assertThat(outbox.due()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void holdingMailsKeepsTheDocumentDueWhileEventsAreOwed() {
		recordOne();
		outbox.owe(OwedMail.of(Mail.HELLO, NOW), NOW);

		outbox.holdMails();

		assertThat(outbox.due()).isEqualTo(NOW);
	}

	@Test
	void releasingWithNothingHeldChangesNothing() {
		assertThat(outbox.releaseMails(NOW)).isFalse();
		assertThat(outbox.due()).isNull();
	}

	@Test
	void droppedMailsAreNotOwedAndTheDocumentSettles() {
		outbox.owe(OwedMail.of(Mail.HELLO, NOW), NOW);
		outbox.owe(OwedMail.of(Mail.BYE, NOW), NOW);

		outbox.dropMails(m -> m.kind(Mail.class) == Mail.HELLO);
		assertThat(outbox.mails()).extracting(m -> m.kind(Mail.class)).containsExactly(Mail.BYE);
		outbox.dropAll();

		assertThat(outbox.mails()).isEmpty();
		assertThat(outbox.due()).isNull();
	}

	@Test
	void anOwnersOwnDueTimeCountsOnlyWhileNothingElseIsOwed() {
		outbox.lookAt(NOW.plusSeconds(3600));
		assertThat(outbox.due()).isEqualTo(NOW.plusSeconds(3600));

		recordOne();
		outbox.lookAt(NOW.plusSeconds(7200));
		assertThat(outbox.due()).as("the owed event is due now").isEqualTo(NOW);

		outbox.lookAt(null);
		assertThat(outbox.due()).isEqualTo(NOW);
	}

	@Test
	void aLegacyEventIsReplacedKeepingItsIdAndTrace() {
		outbox.record(new OutboxEvent("old-id", null, null, null, null, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
				NOW);
		assertThat(outbox.hasLegacyEvents()).isTrue();

		outbox.upgrade(legacy -> OutboxEvent.upgraded(legacy, "subject", new Said("then"), NOW));

		assertThat(outbox.hasLegacyEvents()).isFalse();
		assertThat(outbox.events()).singleElement().satisfies(e -> {
			assertThat(e.eventId()).isEqualTo("old-id");
			assertThat(e.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c");
			assertThat(e.data()).isEqualTo("{\"what\":\"then\"}");
		});
	}
}
