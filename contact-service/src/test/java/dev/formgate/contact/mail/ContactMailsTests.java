package dev.formgate.contact.mail;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second line of defence: even text that skipped validation cannot start a header line of its own. Reads the
 * message as it would go over the wire.
 */
class ContactMailsTests {

	static final String VICTIM = "victim@example.net";

	final ContactMails mails = new ContactMails(new JavaMailSenderImpl(),
			new MailProperties("Kontakt <kontakt@example.org>", true, Duration.ofMinutes(15)), messages(), CircuitBreakerRegistry.ofDefaults());

	static StaticMessageSource messages() {
		var messages = new StaticMessageSource();
		messages.addMessage("mail.staff.subject", Locale.GERMAN, "Kontaktanfrage ({0}): {1}");
		return messages;
	}

	static String wire(MimeMessage message) throws Exception {
		var out = new ByteArrayOutputStream();
		message.writeTo(out);
		String raw = out.toString(StandardCharsets.UTF_8);
		return raw.substring(0, raw.indexOf("\r\n\r\n") + 2);
	}

	@Test
	void lineBreaksInNameAndSubjectNeverStartAHeader() throws Exception {
		for (String breaking : new String[] { "\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029", "\r\n\t" }) {
			MimeMessage message = mails.staffNotification(new StaffNotification("staff@example.org", "Presse", "id-1",
					Instant.parse("2026-11-25T10:00:00Z"), "Erika" + breaking + "Bcc: " + VICTIM,
					"erika@example.org", "Hallo" + breaking + "Bcc: " + VICTIM + breaking + "X-Evil: 1", "Text",
					90));

			String headers = wire(message);
			assertThat(headers).doesNotContainPattern("(?m)^(Bcc|X-Evil):");
			assertThat(message.getHeader("Bcc")).isNull();
			assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("staff@example.org"));
			assertThat(message.getReplyTo()).hasSize(1);
			assertThat(((InternetAddress) message.getReplyTo()[0]).getAddress()).isEqualTo("erika@example.org");
			assertThat(message.getSubject()).isEqualTo("Kontaktanfrage (Presse): Hallo Bcc: " + VICTIM + " X-Evil: 1");
		}
	}

	@Test
	void nonAsciiNamesAreEncodedNotWrittenRaw() throws Exception {
		MimeMessage message = mails.staffNotification(new StaffNotification("staff@example.org", "Presse", "id-2",
				Instant.parse("2026-11-25T10:00:00Z"), "Jürgen \"JJ\" Öztürk", "j@example.org", "Grüße", "Text", 90));

		String headers = wire(message);
		assertThat(headers).doesNotContain("Jürgen").doesNotContain("Grüße").contains("=?UTF-8?");
		assertThat(((InternetAddress) message.getReplyTo()[0]).getPersonal()).isEqualTo("Jürgen \"JJ\" Öztürk");
	}

	@Test
	void cutsOverlongHeaderTextAndKeepsItOnOneLine() {
		assertThat(MailHeaders.line("a\r\n\r\nb   c\u0000d", 100)).isEqualTo("a b c d");
		assertThat(MailHeaders.line("x".repeat(300), 200)).hasSize(201).endsWith("…");
		assertThat(MailHeaders.line(null, 10)).isEmpty();
	}
}
