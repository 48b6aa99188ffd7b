package dev.formgate.newsletter.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Campaign settings (prefix {@code formgate.newsletter.campaigns}).
 *
 * @param template the house template every campaign mail is framed in
 * @param imageHosts hosts a campaign may show images from (https only); none by default, since a remote image tells
 * its server when and where a mail is opened
 * @param testRecipients the staff addresses a test mail may go to; nothing else can be a test recipient
 * @param rate mails per second a new campaign is sent at, all instances together (default 100)
 * @param maxRate the highest rate an editor may choose (default 10,000)
 * @param connections SMTP connections each instance sends a campaign over (default 4)
 * @param maxConnections the most an editor may choose (default 32)
 * @param sending how the instances share the work of a campaign
 * @param deliveryLogRetention how long the delivery log keeps that a person received a campaign (default 730 days)
 */
@Validated
@ConfigurationProperties("formgate.newsletter.campaigns")
public record CampaignProperties(@DefaultValue @Valid Template template, @DefaultValue Set<String> imageHosts,
		@DefaultValue List<String> testRecipients, @DefaultValue("100") @Min(1) int rate,
		@DefaultValue("10000") @Min(1) int maxRate, @DefaultValue("4") @Min(1) int connections,
		@DefaultValue("32") @Min(1) @Max(256) int maxConnections, @DefaultValue @Valid Sending sending,
		@DefaultValue("730d") Duration deliveryLogRetention) {

	/**
	 * @param organisation who sends the newsletter, at the head of every mail
	 * @param imprintUrl the imprint (Impressum), linked in every mail's footer
	 * @param privacyNoticeUrl the privacy notice, linked in every mail's footer
	 */
	public record Template(@DefaultValue("Formgate") @NotBlank String organisation,
			@DefaultValue("http://localhost:8080/#impressum") @NotNull URI imprintUrl,
			@DefaultValue("http://localhost:8080/#datenschutz") @NotNull URI privacyNoticeUrl) {
	}

	/**
	 * @param sliceSize recipients per slice: the unit of work one instance takes from the work topic (default 500)
	 * @param flushEvery mails marked sent together, and the fewest permits of the rate taken at once (a tenth of a
	 * second's rate, up to ten times this); a crash repeats at most these per connection (default 20)
	 * @param lease how long an instance holds a slice without marking progress before another may take it over
	 * (default 30 s)
	 * @param sweepInterval how often each instance looks after the campaigns underway: starts selecting a campaign
	 * that began sending, hands out again slices nobody holds whose retry is due, marks finished ones sent (default 5 s)
	 * @param retryAfter how long a slice waits after the SMTP server could not be reached (default 10 s)
	 */
	public record Sending(@DefaultValue("500") @Min(1) @Max(5000) int sliceSize,
			@DefaultValue("20") @Min(1) @Max(1000) int flushEvery, @DefaultValue("30s") Duration lease,
			@DefaultValue("5s") Duration sweepInterval, @DefaultValue("10s") Duration retryAfter) {
	}
}
