package dev.formgate.newsletter.subscription;

import java.time.Instant;

/**
 * What Art. 7(1) GDPR asks us to be able to show: who consented to what, when, and how. The request half is written
 * at sign-up, the confirmation half when the link's button is pressed.
 */
record ConsentProof(Instant requestedAt, String requestIp, String requestUserAgent, String formId,
		String consentTextVersion, String consentTextSha256, String privacyNoticeVersion, String language,
		Instant confirmedAt, String confirmIp, String confirmUserAgent) {

	static ConsentProof requested(Instant at, String ip, String userAgent, String formId, String textVersion,
			String textSha256, String noticeVersion, String language) {
		return new ConsentProof(at, ip, userAgent, formId, textVersion, textSha256, noticeVersion, language, null,
				null, null);
	}

	ConsentProof confirmed(Instant at, String ip, String userAgent) {
		return new ConsentProof(requestedAt, requestIp, requestUserAgent, formId, consentTextVersion,
				consentTextSha256, privacyNoticeVersion, language, at, ip, userAgent);
	}
}
