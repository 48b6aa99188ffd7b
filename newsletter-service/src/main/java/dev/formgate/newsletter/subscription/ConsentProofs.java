package dev.formgate.newsletter.subscription;

import dev.formgate.web.IpAddresses;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The consent proof of a sign-up as the settings want it kept: the consent text's version and hash in the sign-up's
 * language, and of the client only what {@code formgate.newsletter.consent.ip-policy} allows (the full address, its
 * anonymised form, or none) and a user agent cut to {@value #MAX_USER_AGENT} characters.
 */
@Component
class ConsentProofs {

	private static final int MAX_USER_AGENT = 512;

	private final SubscriptionProperties properties;

	ConsentProofs(SubscriptionProperties properties) {
		this.properties = properties;
	}

	/** The proof a sign-up starts with: requested now, from the sign-up's form and client. */
	ConsentProof requested(SignUp signUp, Instant now) {
		var consent = properties.consent();
		String text = consent.texts().getOrDefault(signUp.language(), consent.texts().get("de"));
		RequestOrigin recorded = recorded(signUp.origin());
		return ConsentProof.requested(now, recorded.ip(), recorded.userAgent(), signUp.formId(), consent.version(),
				Tokens.hash(text == null ? "" : text), consent.privacyNoticeVersion(), signUp.language());
	}

	/** Consent proof for a double opt-in staff or the privacy officer started: no client, the current text. */
	ConsentProof onBehalf(String language, String formId, Instant now) {
		return requested(new SignUp(null, null, language, formId, new RequestOrigin(null, null)), now);
	}

	/** What of the client the proof keeps. */
	RequestOrigin recorded(RequestOrigin origin) {
		String ip = switch (properties.consent().ipPolicy()) {
			case FULL -> origin.ip();
			case ANONYMISED -> origin.ip() == null ? null : IpAddresses.anonymise(origin.ip());
			case NONE -> null;
		};
		String userAgent = origin.userAgent();
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
			userAgent = userAgent.substring(0, MAX_USER_AGENT);
		}
		return new RequestOrigin(ip, userAgent);
	}
}
