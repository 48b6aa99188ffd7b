package dev.formgate.newsletter.campaign;

import dev.formgate.testing.ReturnedMails;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what comes back to the bounce address: DSNs, ARF reports, mailto unsubscribes, and what is none of them. */
class ReturnedMailTests {

	final Verp verp = new Verp("a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8));
	final ReturnedMail reader = new ReturnedMail(verp);
	final String subscription = UUID.randomUUID().toString();
	final String campaign = Base32.randomId(8);
	final String token = verp.token(subscription, campaign);
	final Verp.Handle handle = new Verp.Handle(subscription, campaign);

	static MimeMessage mail(String raw) throws Exception {
		return new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(raw.replaceAll("(?<!\r)\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
	}

	Optional<ReturnedMail.Report> read(String raw) throws Exception {
		return reader.read(mail(raw));
	}

	@Test
	void readsAPermanentFailureAsAHardBounceOfTheMailItsReturnPathNames() throws Exception {
		assertThat(read(ReturnedMails.deliveryStatus(token, "anna@example.org", "failed", "5.1.1", true)))
			.contains(new ReturnedMail.Report(ReturnedMail.Kind.HARD_BOUNCE, handle, null));
	}

	@Test
	void readsATransientFailureAsASoftBounce() throws Exception {
		assertThat(read(ReturnedMails.deliveryStatus(token, "anna@example.org", "failed", "4.2.2", true)))
			.contains(new ReturnedMail.Report(ReturnedMail.Kind.SOFT_BOUNCE, handle, null));
	}

	@Test
	void findsTheMailByTheReturnedMessageIdWhenTheReportCameToThePlainAddress() throws Exception {
		assertThat(read(ReturnedMails.deliveryStatus(token, "anna@example.org", "failed", "5.1.1", false)))
			.contains(new ReturnedMail.Report(ReturnedMail.Kind.HARD_BOUNCE, handle, null));
	}

	@Test
	void aDelayIsUnderstoodAndAsksForNothing() throws Exception {
		assertThat(read(ReturnedMails.deliveryStatus(token, "anna@example.org", "delayed", "4.4.7", true)))
			.contains(new ReturnedMail.Report(ReturnedMail.Kind.NOTHING_TO_DO, handle, null));
	}

	@Test
	void readsAnAbuseFeedbackReportAsAComplaint() throws Exception {
		assertThat(read(ReturnedMails.feedbackReport(token, "anna@example.org", "abuse")))
			.contains(new ReturnedMail.Report(ReturnedMail.Kind.COMPLAINT, handle, null));
	}

	@Test
	void leavesOtherFeedbackTypesForAPerson() throws Exception {
		assertThat(read(ReturnedMails.feedbackReport(token, "anna@example.org", "not-spam"))).isEmpty();
	}

	@Test
	void understandsNothingThatNamesAForgedOrNoCampaignMail() throws Exception {
		char flipped = token.charAt(10) == 'a' ? 'b' : 'a';
		String forged = token.substring(0, 10) + flipped + token.substring(11);

		assertThat(read(ReturnedMails.deliveryStatus(forged, "anna@example.org", "failed", "5.1.1", true))).isEmpty();
		assertThat(read(ReturnedMails.reply("anna@example.org", "Danke! " + token))).isEmpty();
		assertThat(read("Subject: hello\r\n\r\nnot even MIME")).isEmpty();
		assertThat(read(ReturnedMails.deliveryStatus(token, "anna@example.org", "failed", "5.1.1", true)
			.replace("Status: 5.1.1", "Status: broken"))).isEmpty();
	}

	@Test
	void readsTheCredentialOfAMailToTheUnsubscribeAddress() throws Exception {
		assertThat(read(ReturnedMails.mailtoUnsubscribe("anna@example.org", "unsubscribe abc.DEF-123_xyz")))
			.contains(new ReturnedMail.Report(ReturnedMail.Kind.UNSUBSCRIBE, null, "abc.DEF-123_xyz"));
		assertThat(read(ReturnedMails.mailtoUnsubscribe("anna@example.org", "Please take me off the list")))
			.isEmpty();
	}
}
