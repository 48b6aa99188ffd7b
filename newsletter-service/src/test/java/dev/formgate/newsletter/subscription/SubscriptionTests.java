package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.outbox.OutboxEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The subscription's state machine and what each change owes, without Spring or a store. */
class SubscriptionTests {

	static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
	static final Duration COOLDOWN = Duration.ofMinutes(15);
	static final SubjectRefs REFS = new SubjectRefs("test-pepper-with-at-least-thirty-two-bytes");
	static final SubjectRef ERIKA = REFS.of("erika@example.org");

	static ConsentProof consent(Instant at) {
		return ConsentProof.requested(at, "192.0.2.1", "Browser/1.0", "newsletter-form", "2026-11-25", "sha",
				"2026-11-25", "de");
	}

	static Subscription requested() {
		return Subscription.requested(ERIKA, "news", "erika@example.org", "de", consent(NOW), false, NOW);
	}

	static Set<Subscription.Mail> owedMails(Subscription s) {
		return s.outbox().mails().stream().map(m -> m.kind(Subscription.Mail.class)).collect(Collectors.toSet());
	}

	static String lastEventType(Subscription s) {
		return s.outbox().events().getLast().type();
	}

	@Test
	void aSignUpIsPendingOwesOneConfirmationMailAndRecordsItsRequest() {
		Subscription s = requested();

		assertThat(s.state()).isEqualTo(SubscriptionState.PENDING);
		assertThat(owedMails(s)).containsExactly(Subscription.Mail.CONFIRMATION);
		assertThat(s.outbox().events()).singleElement().satisfies(e -> {
			assertThat(e.type()).isEqualTo("dev.formgate.newsletter.SubscriptionRequested");
			assertThat(e.key()).isEqualTo(ERIKA.value());
			assertThat(e.data()).contains("\"list\":\"news\"", "\"language\":\"de\"").doesNotContain("erika@");
		});
		assertThat(s.outbox().due()).isEqualTo(NOW);
	}

	@Test
	void signingUpAgainWithinTheCooldownChangesNothingAndOwesNoSecondMail() {
		Subscription s = requested();

		assertThat(s.signUpAgain("erika@example.org", "de", consent(NOW), false, COOLDOWN, NOW.plusSeconds(60)))
			.isFalse();

		assertThat(s.outbox().mails()).hasSize(1);
		assertThat(s.outbox().events()).hasSize(1);
	}

	@Test
	void signingUpAgainAfterTheCooldownReplacesTheOwedConfirmationMail() {
		Subscription s = requested();

		assertThat(s.signUpAgain("erika@example.org", "en", consent(NOW), false, COOLDOWN, NOW.plus(COOLDOWN)))
			.isTrue();

		assertThat(s.outbox().mails()).hasSize(1);
		assertThat(s.language()).isEqualTo("en");
		assertThat(s.outbox().events()).hasSize(2);
	}

	@Test
	void anActiveSubscriptionStaysAsItIsOnASecondSignUp() {
		Subscription s = requested();
		s.issueConfirmationToken("hash", NOW.plus(Duration.ofHours(48)));
		s.confirm("192.0.2.2", "Browser/1.0", NOW.plusSeconds(60));

		assertThat(s.signUpAgain("erika@example.org", "de", consent(NOW), false, COOLDOWN, NOW.plus(Duration.ofDays(1))))
			.isFalse();
		assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
	}

	@Test
	void onlyAPendingSubscriptionWithAnUnexpiredTokenCanBeConfirmed() {
		Subscription s = requested();
		assertThat(s.canBeConfirmed(NOW)).as("no mail, no token yet").isFalse();

		s.issueConfirmationToken("hash", NOW.plus(Duration.ofHours(48)));

		assertThat(s.canBeConfirmed(NOW.plus(Duration.ofHours(47)))).isTrue();
		assertThat(s.canBeConfirmed(NOW.plus(Duration.ofHours(48)))).isFalse();
	}

	@Test
	void confirmingRecordsTheConsentAndOwesAWelcomeInsteadOfTheConfirmation() {
		Subscription s = requested();
		s.issueConfirmationToken("hash", NOW.plus(Duration.ofHours(48)));

		s.confirm("192.0.2.2", "Browser/2.0", NOW.plusSeconds(60));

		assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
		assertThat(s.consent().confirmedAt()).isEqualTo(NOW.plusSeconds(60));
		assertThat(s.canBeConfirmed(NOW.plusSeconds(61))).as("the token is used up").isFalse();
		assertThat(owedMails(s)).containsExactly(Subscription.Mail.WELCOME);
		assertThat(lastEventType(s)).isEqualTo("dev.formgate.newsletter.SubscriptionConfirmed");
		assertThat(s.outbox().events().getLast().data()).contains("\"consentTextVersion\":\"2026-11-25\"");
	}

	@Test
	void unsubscribingForgetsTheAddressAndTheOwedMailsOnceAndSaysHow() {
		Subscription s = requested();

		assertThat(s.unsubscribe(Reason.ONE_CLICK, NOW.plusSeconds(60))).isTrue();
		assertThat(s.unsubscribe(Reason.LINK, NOW.plusSeconds(120))).isFalse();

		assertThat(s.state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
		assertThat(s.email()).isNull();
		assertThat(s.consent()).as("kept as evidence").isNotNull();
		assertThat(s.outbox().mails()).isEmpty();
		assertThat(lastEventType(s)).isEqualTo("dev.formgate.newsletter.Unsubscribed");
		assertThat(s.outbox().events().getLast().data()).contains("\"reason\":\"ONE_CLICK\"");
		assertThat(s.endedAt()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void anUnconfirmedSignUpThatExpiresKeepsNothingAndGoesOnceItsEventIsOut() {
		Subscription s = requested();

		s.expire(NOW.plus(Duration.ofDays(8)));

		assertThat(s.email()).isNull();
		assertThat(s.consent()).isNull();
		assertThat(s.outbox().mails()).isEmpty();
		assertThat(s.isGoneOnceRelayed()).as("its events still wait").isFalse();
		s.outbox().eventsRelayed(s.outbox().events().stream().map(OutboxEvent::eventId).collect(Collectors.toSet()));
		assertThat(s.isGoneOnceRelayed()).isTrue();
	}

	@Test
	void aCorrectedAddressIsConfirmedAgainWhileEarlierEventsKeepTheEarlierSubject() {
		Subscription s = requested();
		s.issueConfirmationToken("hash", NOW.plus(Duration.ofHours(48)));
		s.confirm("192.0.2.2", "Browser/1.0", NOW.plusSeconds(60));
		SubjectRef corrected = REFS.of("erika.new@example.org");

		s.rectify(corrected, "erika.new@example.org", consent(NOW.plusSeconds(120)), NOW.plusSeconds(120));

		assertThat(s.subjectRef()).isEqualTo(corrected);
		assertThat(s.state()).isEqualTo(SubscriptionState.PENDING);
		assertThat(s.email()).isEqualTo("erika.new@example.org");
		assertThat(s.earlierConsents()).hasSize(1);
		assertThat(owedMails(s)).containsExactly(Subscription.Mail.CONFIRMATION);
		assertThat(s.outbox().events()).extracting(OutboxEvent::key)
			.containsExactly(ERIKA.value(), ERIKA.value(), corrected.value());
		assertThat(s.outbox().events().get(1).data()).contains(ERIKA.value()).doesNotContain(corrected.value());
	}

	@Test
	void anEndedSubscriptionOnlyFollowsItsSubjectToTheCorrectedReference() {
		Subscription s = requested();
		s.unsubscribe(Reason.LINK, NOW.plusSeconds(60));
		SubjectRef corrected = REFS.of("erika.new@example.org");

		s.rectify(corrected, "erika.new@example.org", consent(NOW), NOW.plusSeconds(120));

		assertThat(s.subjectRef()).isEqualTo(corrected);
		assertThat(s.state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
		assertThat(s.email()).isNull();
		assertThat(s.outbox().mails()).isEmpty();
	}

	@Test
	void liftingARestrictionMakesHeldMailsDueAgain() {
		Subscription s = requested();
		s.outbox().eventsRelayed(s.outbox().events().stream().map(OutboxEvent::eventId).collect(Collectors.toSet()));
		s.outbox().holdMails();
		assertThat(s.outbox().due()).isNull();

		assertThat(s.releaseMails(NOW.plusSeconds(600))).isTrue();

		assertThat(s.outbox().due()).isEqualTo(NOW.plusSeconds(600));
	}

	@Test
	void aRestrictionHoldsMailsOwedBeforeItAndThoseStaffStartedButNotThePersonsOwnLaterSignUp() {
		Subscription own = requested();
		Subscription onBehalf = Subscription.requested(ERIKA, "news", "erika@example.org", "de", consent(NOW), true,
				NOW);

		assertThat(own.isRestrictedBy(null)).isFalse();
		assertThat(own.isRestrictedBy(NOW.plusSeconds(1))).as("owed before the restriction").isTrue();
		assertThat(own.isRestrictedBy(NOW)).as("signed up as it began: the person's consent").isFalse();
		assertThat(own.isRestrictedBy(NOW.minusSeconds(1))).as("signed up while restricted: consent").isFalse();
		assertThat(onBehalf.isRestrictedBy(NOW.minusSeconds(1))).as("staff's sign-up is no consent").isTrue();
	}

	static Subscription active() {
		Subscription s = requested();
		s.confirm("192.0.2.1", "Browser/1.0", NOW.plusSeconds(10));
		return s;
	}

	@Test
	void aHardBounceEndsTheSubscriptionWithReasonBounceAndForgetsTheAddress() {
		Subscription s = active();

		assertThat(s.bounced("c1", true, false, 3, NOW.plusSeconds(60)))
			.isEqualTo(new BounceOutcome(true, true, true));
		assertThat(s.state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
		assertThat(s.email()).isNull();
		var events = s.outbox().events();
		assertThat(events.get(events.size() - 2).type()).isEqualTo("dev.formgate.newsletter.SubscriptionBounced");
		assertThat(events.get(events.size() - 2).data()).contains("\"kind\":\"HARD\"", "\"ended\":true",
				"\"campaignId\":\"c1\"").doesNotContain("erika@");
		assertThat(events.getLast().data()).contains("\"reason\":\"BOUNCE\"");
		assertThat(s.bounced("c1", true, false, 3, NOW.plusSeconds(120))).as("again").isEqualTo(BounceOutcome.NOTHING);
	}

	@Test
	void softBouncesEndItAtTheLimitInARowAndARepeatedReportCountsNothing() {
		Subscription s = active();

		assertThat(s.bounced("c1", false, false, 3, NOW).ended()).isFalse();
		assertThat(s.bounced("c2", false, false, 3, NOW).ended()).isFalse();
		assertThat(s.bounced("c1", false, false, 3, NOW)).isEqualTo(BounceOutcome.NOTHING);
		assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
		assertThat(s.bounced("c3", false, false, 3, NOW)).isEqualTo(new BounceOutcome(true, true, true));
		assertThat(s.state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
	}

	@Test
	void aMailThatGotThroughStartsANewRow() {
		Subscription s = active();
		s.bounced("c1", false, false, 2, NOW);

		assertThat(s.bounced("c3", false, true, 2, NOW).ended()).as("c2 got through").isFalse();
		assertThat(s.returns().softBounces()).isEqualTo(1);
		assertThat(s.bounced("c4", false, false, 2, NOW).ended()).isTrue();
	}

	@Test
	void aHardBounceAfterASoftOneOfTheSameCampaignEndsItButCountsForTheCampaignOnce() {
		Subscription s = active();
		s.bounced("c1", false, false, 3, NOW);

		assertThat(s.bounced("c1", true, false, 3, NOW)).isEqualTo(new BounceOutcome(true, false, true));
	}

	@Test
	void aComplaintIsRecordedOncePerCampaignAndEndsTheSubscription() {
		Subscription s = active();

		assertThat(s.complained("c1", NOW)).isEqualTo(new BounceOutcome(true, true, true));
		assertThat(s.state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
		assertThat(s.complained("c1", NOW)).isEqualTo(BounceOutcome.NOTHING);
		assertThat(s.complained("c2", NOW)).as("already ended: recorded, ends nothing")
			.isEqualTo(new BounceOutcome(true, true, false));
		assertThat(lastEventType(s)).isEqualTo("dev.formgate.newsletter.ComplaintReceived");
	}
}
