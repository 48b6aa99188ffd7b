package dev.formgate.newsletter.subscription;

import dev.formgate.outbox.RelaySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the sign-up flow (prefix {@code formgate.newsletter}).
 *
 * @param lists lists a visitor can subscribe to, by id, with their titles per language
 * @param defaultList list used when a sign-up names none
 * @param linkSecret HMAC key that signs unsubscribe links (≥ 32 bytes; no default outside the local profile)
 * @param confirmation confirmation token and mail settings
 * @param consent the consent text shown next to the checkbox, and how much of the client is recorded
 * @param retention how long each kind of subscription data is kept
 * @param relay how the outbox relay polls, batches and backs off
 */
@Validated
@ConfigurationProperties("formgate.newsletter")
public record SubscriptionProperties(@NotEmpty Map<String, @Valid ListTitles> lists,
		@DefaultValue("news") String defaultList, @NotNull @Size(min = 32) String linkSecret,
		@DefaultValue @Valid Confirmation confirmation, @Valid @NotNull Consent consent,
		@DefaultValue @Valid Retention retention, @DefaultValue @Valid RelaySettings relay) {

	/** @param de title in German, @param en title in English */
	public record ListTitles(@NotNull String de, @NotNull String en) {

		public String in(String language) {
			return "en".equals(language) ? en : de;
		}
	}

	/**
	 * @param tokenTtl how long a confirmation link works (default 48 h)
	 * @param cooldown no second confirmation mail to a pending address within this time (default 15 min)
	 */
	public record Confirmation(@DefaultValue("48h") Duration tokenTtl, @DefaultValue("15m") Duration cooldown) {
	}

	/**
	 * @param version version of the consent text shown next to the checkbox
	 * @param texts the consent text per language, hashed into every consent proof
	 * @param privacyNoticeVersion version of the privacy notice the form links to
	 * @param ipPolicy how much of the client address the consent proof keeps: FULL, ANONYMISED or NONE
	 */
	public record Consent(@NotNull String version, @NotEmpty Map<String, String> texts,
			@NotNull String privacyNoticeVersion, @DefaultValue("FULL") IpPolicy ipPolicy) {
	}

	public enum IpPolicy {
		FULL, ANONYMISED, NONE
	}

	/**
	 * @param unconfirmed unconfirmed sign-ups are deleted after this (default 7 days)
	 * @param withdrawnConsentProof consent proof of ended subscriptions is kept this long as evidence that past mails
	 * were lawful, then deleted (default 3 years, the German standard limitation period)
	 * @param interval how often the retention job runs (default 10 min)
	 */
	public record Retention(@DefaultValue("7d") Duration unconfirmed,
			@DefaultValue("1095d") Duration withdrawnConsentProof, @DefaultValue("10m") Duration interval) {
	}
}
