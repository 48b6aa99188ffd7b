package dev.formgate.newsletter.campaign;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The bounce mailbox (prefix {@code formgate.newsletter.bounces}): where delivery status notifications, feedback
 * reports and mails to the {@code mailto:} of List-Unsubscribe arrive (the bounce address,
 * {@code formgate.newsletter.mail.bounce-address}), read over IMAP.
 *
 * @param enabled read the mailbox (default false: nothing reads bounces until the mailbox is configured)
 * @param protocol {@code imaps} (TLS, default) or {@code imap}
 * @param host the IMAP server
 * @param port its port (default 993)
 * @param username the mailbox's login
 * @param password its password
 * @param folder the folder bounces arrive in (default {@code INBOX})
 * @param processedFolder where processed mails are moved to; empty (default): they are deleted
 * @param interval how often the mailbox is read (default 1 min)
 * @param batchSize the most mails handled in one reading (default 200)
 * @param softBounceLimit soft bounces in a row that end a subscription (default 3); a campaign mail that got through
 * in between starts the count anew
 * @param timeout connect and read timeout of the IMAP connection (default 10 s)
 * @param lease how long an instance's lease on the mailbox lasts (default 2 min): one instance at a time reads it,
 * renewing the lease at each reading and each mail; a crashed instance's lease is taken over once it ended
 */
@Validated
@ConfigurationProperties("formgate.newsletter.bounces")
public record BounceProperties(@DefaultValue("false") boolean enabled, @DefaultValue("imaps") String protocol,
		@DefaultValue("localhost") String host, @DefaultValue("993") @Min(1) @Max(65535) int port, String username,
		String password, @DefaultValue("INBOX") String folder, String processedFolder,
		@DefaultValue("1m") Duration interval, @DefaultValue("200") @Min(1) @Max(10000) int batchSize,
		@DefaultValue("3") @Min(1) @Max(100) int softBounceLimit, @DefaultValue("10s") Duration timeout,
		@DefaultValue("2m") Duration lease) {
}
