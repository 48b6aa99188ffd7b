package dev.formgate.contact.request;

import dev.formgate.outbox.RelaySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of contact requests (prefix {@code formgate.contact}).
 *
 * @param topics what a visitor can write about, by id: the staff inbox that is notified and the titles per language
 * @param limits longest accepted field values, in characters
 * @param overdueAfter open requests received longer ago than this are listed as overdue (default 30 days)
 * @param retention how long closed requests are kept
 * @param relay how the outbox relay polls, batches and backs off
 */
@Validated
@ConfigurationProperties("formgate.contact")
public record ContactProperties(@NotEmpty Map<String, @Valid Topic> topics, @DefaultValue @Valid Limits limits,
		@DefaultValue("30d") Duration overdueAfter, @DefaultValue @Valid Retention retention,
		@DefaultValue @Valid RelaySettings relay) {

	/**
	 * @param inbox the staff address notified of new requests on this topic
	 * @param de title in German
	 * @param en title in English
	 */
	public record Topic(@NotBlank @Email String inbox, @NotBlank String de, @NotBlank String en) {

		public String in(String language) {
			return "en".equals(language) ? en : de;
		}
	}

	/**
	 * @param name longest name (default 100)
	 * @param subject longest subject (default 200)
	 * @param message longest message (default 5000)
	 * @param note longest internal note by staff (default 2000)
	 */
	public record Limits(@DefaultValue("100") @Min(1) @Max(1000) int name,
			@DefaultValue("200") @Min(1) @Max(900) int subject, @DefaultValue("5000") @Min(1) int message,
			@DefaultValue("2000") @Min(1) int note) {
	}

	/**
	 * @param closed closed requests are deleted this long after closing, unless under legal hold (default 90 days)
	 * @param interval how often the retention job runs (default 1 h)
	 */
	public record Retention(@DefaultValue("90d") Duration closed, @DefaultValue("1h") Duration interval) {
	}
}
