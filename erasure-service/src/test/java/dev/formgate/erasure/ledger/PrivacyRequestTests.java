package dev.formgate.erasure.ledger;

import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.outbox.RelaySettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate's rules on their own, with times chosen freely. */
class PrivacyRequestTests {

	static final SubjectRefs REFS = new SubjectRefs("test-pepper-with-at-least-thirty-two-bytes");
	static final SubjectRef SUBJECT = REFS.of("erika@example.org");
	static final Instant NOW = Instant.parse("2025-05-05T08:00:00Z");
	static final LedgerProperties SETTINGS = new LedgerProperties(Duration.ofDays(7),
			new LedgerProperties.Retry(Duration.ofMinutes(1), Duration.ofHours(1)),
			new LedgerProperties.Export(Duration.ofDays(30), Duration.ofHours(1)),
			RelaySettings.defaults());

	static PrivacyRequest erasure(String... stores) {
		return PrivacyRequest.filed(PrivacyRequestId.random(), new NewPrivacyRequest(RequestType.ERASURE,
				"erika@example.org", null, null, ReceivedVia.EMAIL, null, null), SUBJECT, null, null, List.of(stores),
				NOW, SETTINGS);
	}

	static StoreOutcomeReported answer(PrivacyRequest request, SubjectRef subject, String store, Outcome outcome) {
		return new StoreOutcomeReported(request.requestId(), subject, store, outcome, Map.of(), null, null, NOW);
	}

	@Test
	void backoffDoublesUpToItsLimit() {
		var backoff = SETTINGS.backoff();

		assertThat(List.of(1, 2, 3, 4, 6, 7, 8, 40).stream().map(backoff::after).toList()).containsExactly(
				Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
				Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
	}

	@Test
	void leapYearsAndShortMonthsBoundTheDueDate() {
		assertThat(Deadline.dueAt(Instant.parse("2024-01-31T09:00:00Z"), 0))
			.isEqualTo(Instant.parse("2024-02-29T09:00:00Z"));
		assertThat(Deadline.dueAt(Instant.parse("2023-01-31T09:00:00Z"), 0))
			.isEqualTo(Instant.parse("2023-02-28T09:00:00Z"));
		assertThat(Deadline.dueAt(Instant.parse("2025-01-31T09:00:00Z"), 2))
			.isEqualTo(Instant.parse("2025-04-30T08:00:00Z")); // same Berlin wall time, now in summer time
	}

	@Test
	void ignoresAnAnswerNamingAnotherSubject() {
		PrivacyRequest request = erasure("newsletter-service");

		var recorded = request.record(answer(request, REFS.of("someone@example.org"), "newsletter-service",
				Outcome.ERASED), NOW, SETTINGS);

		assertThat(recorded).isEqualTo(PrivacyRequest.Recorded.OTHER_SUBJECT);
		assertThat(request.stores().getFirst().answered()).isFalse();
	}

	@Test
	void keepsTheFirstAnswer() {
		PrivacyRequest request = erasure("newsletter-service", "contact-service");

		request.record(answer(request, SUBJECT, "newsletter-service", Outcome.ERASED), NOW, SETTINGS);
		var second = request.record(answer(request, SUBJECT, "newsletter-service", Outcome.FAILED),
				NOW.plusSeconds(5), SETTINGS);

		assertThat(second).isEqualTo(PrivacyRequest.Recorded.DUPLICATE);
		assertThat(request.stores().getFirst().answer().outcome()).isEqualTo(Outcome.ERASED);
		assertThat(request.stores().getFirst().answer().answeredAt()).isEqualTo(NOW);
		assertThat(request.state()).isEqualTo(RequestState.IN_PROGRESS);
	}

	@Test
	void waitsWhileNoStoreIsRegistered() {
		PrivacyRequest request = erasure();
		request.eventsRelayed(java.util.Set.of(request.outbox().events().getFirst().eventId()), NOW, SETTINGS);

		request.askSilentStores(NOW.plus(Duration.ofDays(30)), SETTINGS);

		assertThat(request.state()).isEqualTo(RequestState.IN_PROGRESS);
		assertThat(request.expect("contact-service", NOW, SETTINGS)).isTrue();
		assertThat(request.expect("contact-service", NOW, SETTINGS)).isFalse();
	}

	static java.util.Set<String> emissions(PrivacyRequest request) {
		return request.outbox().events().stream().map(dev.formgate.outbox.OutboxEvent::eventId)
			.collect(java.util.stream.Collectors.toSet());
	}

	@Test
	void aFiledRequestQueuesOneEmissionOfItsEventKeyedByTheSubjectAndIsDueNow() {
		PrivacyRequest request = erasure("newsletter-service");

		assertThat(request.state()).isEqualTo(RequestState.RECEIVED);
		assertThat(request.outbox().events()).singleElement().satisfies(e -> {
			assertThat(e.type()).isEqualTo("dev.formgate.privacy.ErasureRequested");
			assertThat(e.key()).isEqualTo(SUBJECT.value());
			assertThat(e.data()).contains("\"requestId\":\"" + request.id() + "\"").doesNotContain("erika@");
		});
		assertThat(request.outbox().due()).isEqualTo(NOW);
	}

	@Test
	void onceItsEmissionIsOnKafkaTheRequestIsInProgressAndDueAtTheFirstStoresNextAsking() {
		PrivacyRequest request = erasure("newsletter-service", "contact-service");

		request.eventsRelayed(emissions(request), NOW, SETTINGS);

		assertThat(request.state()).isEqualTo(RequestState.IN_PROGRESS);
		assertThat(request.outbox().owesEvents()).isFalse();
		assertThat(request.outbox().due()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
	}

	@Test
	void silentStoresAreAskedAgainByOneNewEmissionOnceTheirBackoffHasPassed() {
		PrivacyRequest request = erasure("newsletter-service", "contact-service");
		String first = emissions(request).iterator().next();
		request.eventsRelayed(emissions(request), NOW, SETTINGS);

		request.askSilentStores(NOW.plus(Duration.ofSeconds(30)), SETTINGS);
		assertThat(request.outbox().owesEvents()).as("not yet").isFalse();
		request.askSilentStores(NOW.plus(Duration.ofMinutes(1)), SETTINGS);

		assertThat(request.outbox().events()).singleElement().satisfies(e -> {
			assertThat(e.eventId()).as("a new emission, a new CloudEvents id").isNotEqualTo(first);
			assertThat(e.data()).contains("\"requestId\":\"" + request.id() + "\"");
		});
		assertThat(request.stores()).allSatisfy(task -> assertThat(task.requests()).isEqualTo(2));
	}

	@Test
	void aStoreSilentBeyondTheTimeoutCountsAsFailedAndTheRequestEndsPartial() {
		PrivacyRequest request = erasure("newsletter-service", "contact-service");
		request.eventsRelayed(emissions(request), NOW, SETTINGS);
		request.record(answer(request, SUBJECT, "newsletter-service", Outcome.ERASED), NOW, SETTINGS);

		request.askSilentStores(NOW.plus(Duration.ofDays(7)), SETTINGS);

		assertThat(request.state()).isEqualTo(RequestState.PARTIAL);
		assertThat(request.failingStores()).containsExactly("contact-service");
		assertThat(request.outbox().due()).as("nothing is owed any more").isNull();
	}

	@Test
	void theLastAnswerCompletesTheRequestAndNothingIsSentAnyMore() {
		PrivacyRequest request = erasure("newsletter-service");

		request.record(answer(request, SUBJECT, "newsletter-service", Outcome.ERASED), NOW, SETTINGS);

		assertThat(request.state()).isEqualTo(RequestState.COMPLETED);
		assertThat(request.completedAt()).isEqualTo(NOW);
		assertThat(request.outbox().owesEvents()).as("the emission still waiting is not needed").isFalse();
		assertThat(request.outbox().due()).isNull();
	}

	@Test
	void cancellingDropsWhatWasNotSentAndOnlyAnOpenRequestCanBeCancelled() {
		PrivacyRequest request = erasure("newsletter-service");

		request.cancel("filed by mistake", NOW);

		assertThat(request.state()).isEqualTo(RequestState.CANCELLED);
		assertThat(request.outbox().owesEvents()).isFalse();
		assertThat(request.outbox().due()).isNull();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> request.cancel("again", NOW))
			.isInstanceOf(LedgerConflict.class);
	}

	@Test
	void theDeadlineExtendsByTwoMonthsAtMost() {
		PrivacyRequest request = erasure("newsletter-service");

		request.extend(2, "complex", NOW);

		assertThat(request.dueAt()).isEqualTo(Deadline.dueAt(NOW, 2));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> request.extend(1, "more", NOW))
			.isInstanceOf(LedgerConflict.class);
	}

	@Test
	void aStoreRegisteringWhileTheRequestIsOpenIsAskedToo() {
		PrivacyRequest request = erasure("newsletter-service");
		request.eventsRelayed(emissions(request), NOW, SETTINGS);

		assertThat(request.expect("comment-service", NOW.plusSeconds(10), SETTINGS)).isTrue();

		assertThat(request.outbox().events()).hasSize(1);
		assertThat(request.outbox().due()).isEqualTo(NOW.plusSeconds(10));
		assertThat(request.stores()).extracting(StoreTask::store).contains("comment-service");
	}

	static PrivacyRequest selfService(RequestType type, String heldBecause, String... stores) {
		return PrivacyRequest.filed(PrivacyRequestId.random(), new NewPrivacyRequest(type, null, null, null,
				ReceivedVia.SELF_SERVICE, null, null, "control of the address", heldBecause), SUBJECT, null, null,
				List.of(stores), NOW, SETTINGS);
	}

	@Test
	void aHeldRequestExpectsNoStoreAndSendsNothingUntilApprovedButItsDeadlineRuns() {
		PrivacyRequest held = selfService(RequestType.ERASURE, "a legal hold might apply", "contact-service");

		assertThat(held.state()).isEqualTo(RequestState.AWAITING_REVIEW);
		assertThat(held.state().isOpen()).isTrue();
		assertThat(held.stores()).isEmpty();
		assertThat(held.outbox().owesEvents()).isFalse();
		assertThat(held.outbox().due()).isNull();
		assertThat(held.dueAt()).isEqualTo(Deadline.dueAt(NOW, 0));
		assertThat(held.expect("newsletter-service", NOW, SETTINGS)).as("a store registering meanwhile").isFalse();
		held.askSilentStores(NOW.plus(Duration.ofDays(30)), SETTINGS);
		assertThat(held.state()).isEqualTo(RequestState.AWAITING_REVIEW);
		assertThat(held.isOverdue(NOW.plus(Duration.ofDays(40)))).isTrue();
	}

	@Test
	void approvingAHeldRequestSendsItToTheStoresRegisteredThen() {
		PrivacyRequest held = selfService(RequestType.ERASURE, "a legal hold might apply");

		held.approve("officer", List.of("contact-service", "newsletter-service"), NOW.plusSeconds(60), SETTINGS);

		assertThat(held.state()).isEqualTo(RequestState.RECEIVED);
		assertThat(held.stores()).extracting(StoreTask::store).containsExactly("contact-service",
				"newsletter-service");
		assertThat(held.outbox().events()).singleElement()
			.satisfies(e -> assertThat(e.type()).isEqualTo("dev.formgate.privacy.ErasureRequested"));
		assertThat(held.review()).satisfies(r -> {
			assertThat(r.approved()).isTrue();
			assertThat(r.decidedBy()).isEqualTo("officer");
			assertThat(r.heldBecause()).isEqualTo("a legal hold might apply");
		});
		assertThatThrownBy(() -> held.approve("officer", List.of(), NOW, SETTINGS)).isInstanceOf(LedgerConflict.class);
	}

	@Test
	void decliningAHeldRequestCancelsItForTheReasonAndSendsNothing() {
		PrivacyRequest held = selfService(RequestType.ERASURE, "a legal hold might apply");

		held.decline("officer", "Ihre Daten sind Teil eines laufenden Verfahrens.", NOW.plusSeconds(60));

		assertThat(held.state()).isEqualTo(RequestState.CANCELLED);
		assertThat(held.cancellationReason()).isEqualTo("Ihre Daten sind Teil eines laufenden Verfahrens.");
		assertThat(held.review().approved()).isFalse();
		assertThat(held.outbox().owesEvents()).isFalse();
		assertThatThrownBy(() -> held.decline("officer", "again", NOW)).isInstanceOf(LedgerConflict.class);
	}

	@Test
	void onlyAHeldRequestCanBeReviewedAndItRecordsHowTheIdentityWasVerified() {
		PrivacyRequest automatic = selfService(RequestType.ACCESS, null, "newsletter-service");

		assertThat(automatic.state()).isEqualTo(RequestState.RECEIVED);
		assertThat(automatic.review()).isNull();
		assertThat(automatic.identityVerifiedBy()).isEqualTo("control of the address");
		assertThatThrownBy(() -> automatic.approve("officer", List.of(), NOW, SETTINGS))
			.isInstanceOf(LedgerConflict.class);
		assertThat(Receipt.of(automatic, NOW).identityVerifiedBy()).isEqualTo("control of the address");
	}

	@Test
	void aWithdrawalGoesOutAsConsentWithdrawn() {
		PrivacyRequest withdrawal = selfService(RequestType.WITHDRAWAL, null, "newsletter-service");

		assertThat(withdrawal.outbox().events()).singleElement()
			.satisfies(e -> assertThat(e.type()).isEqualTo("dev.formgate.privacy.ConsentWithdrawn"));
	}
}
