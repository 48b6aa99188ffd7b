package dev.formgate.newsletter.campaign;

import dev.formgate.outbox.OutboxEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The campaign's state machine: DRAFT → SCHEDULED → SENDING → SENT, PAUSED and CANCELLED, and what each allows. */
class CampaignTests {

	static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	static Draft draft(String subject) {
		return new Draft(Map.of("de", new Content(subject, "Hallo")), List.of("news"), new Pace(100, 4), true);
	}

	Campaign campaign = Campaign.draft(draft("Ausgabe 1"), NOW);

	@Test
	void aDraftCanBeEditedAndOwesNothing() {
		campaign.edit(draft("Ausgabe 1, korrigiert"), NOW.plusSeconds(60));

		assertThat(campaign.state()).isEqualTo(CampaignState.DRAFT);
		assertThat(campaign.contentIn("de").subject()).isEqualTo("Ausgabe 1, korrigiert");
		assertThat(campaign.outbox().events()).isEmpty();
		assertThat(campaign.outbox().due()).isNull();
	}

	@Test
	void schedulingRecordsTheEventAndKeepsTheRelaysAppointmentAfterItWentOut() {
		Instant at = NOW.plusSeconds(3600);
		campaign.schedule(at, NOW);

		assertThat(campaign.state()).isEqualTo(CampaignState.SCHEDULED);
		assertThat(types()).containsExactly("dev.formgate.newsletter.CampaignScheduled");
		campaign.outbox().eventsRelayed(java.util.Set.of(campaign.outbox().events().get(0).eventId()));
		campaign.keepAppointment();
		assertThat(campaign.outbox().due()).isEqualTo(at);
	}

	@Test
	void aScheduledCampaignStartsOnlyOnceItsTimeHasCome() {
		Instant at = NOW.plusSeconds(3600);
		campaign.schedule(at, NOW);

		assertThat(campaign.startIfDue(at.minusSeconds(1))).isFalse();
		assertThat(campaign.startIfDue(at)).isTrue();
		assertThat(campaign.state()).isEqualTo(CampaignState.SENDING);
		assertThat(campaign.startedAt()).isEqualTo(at);
		assertThat(types()).endsWith("dev.formgate.newsletter.CampaignSendingStarted");
	}

	@Test
	void refusesStartingTwice() {
		campaign.start(NOW);

		assertThatThrownBy(() -> campaign.start(NOW.plusSeconds(1))).isInstanceOf(IllegalCampaignStateChange.class);
		assertThat(types()).containsExactly("dev.formgate.newsletter.CampaignSendingStarted");
	}

	@Test
	void refusesEditingOnceItSends() {
		campaign.start(NOW);

		assertThatThrownBy(() -> campaign.edit(draft("anders"), NOW)).isInstanceOf(CampaignNotEditable.class);
		assertThat(campaign.contentIn("de").subject()).isEqualTo("Ausgabe 1");
	}

	@Test
	void pausesResumesAndFinishesWithItsFigures() {
		campaign.start(NOW);
		campaign.pause(NOW.plusSeconds(1));
		assertThatThrownBy(() -> campaign.pause(NOW)).isInstanceOf(IllegalCampaignStateChange.class);
		assertThatThrownBy(() -> campaign.finish(1, 1, 0, 0, NOW)).isInstanceOf(IllegalCampaignStateChange.class);
		campaign.resume(NOW.plusSeconds(2));
		campaign.finish(10, 8, 1, 1, NOW.plusSeconds(3));

		assertThat(campaign.state()).isEqualTo(CampaignState.SENT);
		assertThat(campaign.finishedAt()).isEqualTo(NOW.plusSeconds(3));
		assertThat(campaign.outbox().events().get(1).data()).contains("\"recipients\":10", "\"sent\":8",
				"\"failed\":1", "\"skipped\":1");
	}

	@Test
	void resumesOnlyAPausedCampaign() {
		assertThatThrownBy(() -> campaign.resume(NOW)).isInstanceOf(IllegalCampaignStateChange.class);
		campaign.start(NOW);
		assertThatThrownBy(() -> campaign.resume(NOW)).isInstanceOf(IllegalCampaignStateChange.class);
	}

	@Test
	void aCancelledOrSentCampaignIsFinal() {
		campaign.start(NOW);
		campaign.cancel(NOW.plusSeconds(1));

		assertThat(campaign.state().isFinal()).isTrue();
		assertThatThrownBy(() -> campaign.resume(NOW)).isInstanceOf(IllegalCampaignStateChange.class);
		assertThatThrownBy(() -> campaign.cancel(NOW)).isInstanceOf(IllegalCampaignStateChange.class);
		assertThatThrownBy(() -> campaign.changePace(new Pace(1, 1), NOW)).isInstanceOf(CampaignNotEditable.class);
	}

	@Test
	void cancellingAScheduledCampaignCancelsItsAppointment() {
		campaign.schedule(NOW.plusSeconds(3600), NOW);
		campaign.outbox().eventsRelayed(java.util.Set.of(campaign.outbox().events().get(0).eventId()));
		campaign.keepAppointment();

		campaign.cancel(NOW.plusSeconds(1));

		assertThat(campaign.outbox().due()).isNull();
		assertThat(campaign.startIfDue(NOW.plusSeconds(7200))).isFalse();
	}

	@Test
	void isInTheArchiveFromTheStartUnlessWithdrawn() {
		assertThat(campaign.isArchived()).isFalse();
		campaign.start(NOW);
		assertThat(campaign.isArchived()).isTrue();
		campaign.withdrawFromArchive(NOW);
		assertThat(campaign.isArchived()).isFalse();
	}

	@Test
	void fallsBackToGermanForALanguageItLacks() {
		assertThat(campaign.contentIn("en").subject()).isEqualTo("Ausgabe 1");
	}

	@Test
	void eventsCarryNoPersonalDataAndAreKeyedByTheCampaign() {
		campaign.start(NOW);
		OutboxEvent started = campaign.outbox().events().get(0);

		assertThat(started.key()).isEqualTo(campaign.id());
		assertThat(started.data()).doesNotContain("@").contains("\"lists\":[\"news\"]");
	}

	private List<String> types() {
		return campaign.outbox().events().stream().map(OutboxEvent::type).toList();
	}
}
