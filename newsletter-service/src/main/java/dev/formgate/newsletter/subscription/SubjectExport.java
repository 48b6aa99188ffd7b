package dev.formgate.newsletter.subscription;

import java.time.Instant;
import java.util.List;

/**
 * Everything newsletter-service holds about one subject (Art. 15/20): personal data, for the sealed access export
 * only. {@code suppressedSince} and {@code restrictedSince} are null when the subject is not suppressed or restricted;
 * {@code suppressedLists} names the lists they left, null when the suppression holds for every list.
 */
public record SubjectExport(List<SubscriptionData> subscriptions, Instant suppressedSince, String suppressionCause,
		List<String> suppressedLists, Instant restrictedSince) {

	boolean isEmpty() {
		return subscriptions.isEmpty() && suppressedSince == null && restrictedSince == null;
	}

	/**
	 * One list: its state, the address while needed for sending, the consent proof, and what came back from campaign
	 * mails (the campaigns whose mails soft-bounced in a row, the campaign of the last spam complaint).
	 */
	public record SubscriptionData(String list, String state, String email, String language, Instant createdAt,
			Instant endedAt, boolean startedByStaff, Consent consent, List<Consent> earlierConsents,
			List<String> softBouncedCampaigns, String complainedAboutCampaign) {

		static SubscriptionData of(Subscription s) {
			return new SubscriptionData(s.list(), s.state().name(), s.email(), s.language(), s.createdAt(),
					s.endedAt(), s.onBehalf(), Consent.of(s.consent()),
					s.earlierConsents().stream().map(Consent::of).toList(), s.returns().softBounced(),
					s.returns().lastComplaintCampaign());
		}
	}

	/** The consent proof as stored: timestamps, addresses and user agents as recorded, the text version and hash. */
	public record Consent(Instant requestedAt, String requestIp, String requestUserAgent, String formId,
			String consentTextVersion, String consentTextSha256, String privacyNoticeVersion, String language,
			Instant confirmedAt, String confirmIp, String confirmUserAgent) {

		static Consent of(ConsentProof p) {
			return p == null ? null
					: new Consent(p.requestedAt(), p.requestIp(), p.requestUserAgent(), p.formId(),
							p.consentTextVersion(), p.consentTextSha256(), p.privacyNoticeVersion(), p.language(),
							p.confirmedAt(), p.confirmIp(), p.confirmUserAgent());
		}
	}
}
