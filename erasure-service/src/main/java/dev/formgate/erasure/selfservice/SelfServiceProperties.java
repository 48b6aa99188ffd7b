package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.ledger.RequestType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The "Meine Daten" page's requests (prefix {@code formgate.erasure.self-service}); the SMTP server is
 * {@code spring.mail.*}.
 *
 * @param from sender of the verification mails
 * @param publicBaseUrl where people reach the gateway: the links in mails start here
 * @param linkValidity how long a mailed link can confirm the request (default 24 h)
 * @param cooldown at most one verification mail per inbox within this time, whichever variant of the address was
 * posted (default 15 min); confirming a link ends it
 * @param statusPeriod how long the link shows the request's progress, receipt and export after it was filed (default
 * 60 days)
 * @param review per request type whether it goes out at once or waits for the privacy officer (default: an erasure
 * waits where a store keeps legal holds, everything else goes out at once)
 */
@Validated
@ConfigurationProperties("formgate.erasure.self-service")
record SelfServiceProperties(@DefaultValue("Formgate Datenschutz <datenschutz@formgate.localhost>") @NotBlank String from,
		@DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl, @DefaultValue("24h") Duration linkValidity,
		@DefaultValue("15m") Duration cooldown, @DefaultValue("60d") Duration statusPeriod,
		Map<RequestType, Policy> review) {

	/** Whether a confirmed request goes out at once or is held for the officer's review. */
	enum Policy {
		/** Goes out at once. */
		AUTOMATIC,
		/** Held for review only while a registered store can keep data under a legal hold (Art. 17(3)). */
		REVIEW_WHERE_LEGAL_HOLDS,
		/** Always held for review. */
		REVIEW
	}

	SelfServiceProperties {
		Map<RequestType, Policy> policies = new EnumMap<>(RequestType.class);
		policies.put(RequestType.ERASURE, Policy.REVIEW_WHERE_LEGAL_HOLDS);
		if (review != null) {
			policies.putAll(review);
		}
		review = Map.copyOf(policies);
	}

	Policy policy(RequestType type) {
		return review.getOrDefault(type, Policy.AUTOMATIC);
	}
}
