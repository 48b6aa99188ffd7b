package dev.formgate.contact.mail;

import dev.formgate.service.TextMails;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Composes and sends contact mails. The staff notification carries the request and answers go to the sender
 * (Reply-To); the acknowledgement to the sender carries nothing the sender typed, so the form cannot be used to send
 * someone else's words to any address (docs/architecture.md, rule 7).
 */
@Component
public class ContactMails extends TextMails {

	private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm")
		.withZone(ZoneId.of("Europe/Berlin"));

	ContactMails(JavaMailSender sender, MailProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers) {
		super(sender, properties.from(), messages, breakers);
	}

	/** To the topic's staff inbox, in German; Reply-To is the sender, so staff answer with their mail client. */
	public MimeMessage staffNotification(StaffNotification n) {
		String subject = MailHeaders.line(n.subject(), 200);
		String name = MailHeaders.line(n.name(), 100);
		Map<String, Object> variables = Map.of("topicTitle", n.topicTitle(), "requestId", n.requestId(),
				"receivedAt", RECEIVED_AT.format(n.receivedAt()), "name", name, "email", n.email(), "subject", subject,
				"message", n.message(), "retentionDays", n.retentionDays());
		return to(n.inbox(), Locale.GERMAN).replyTo(replyTo(n.email(), name))
			.subject("mail.staff.subject", n.topicTitle(), subject).header("X-Formgate-Request-Id", n.requestId())
			.text("staff-notification-de", variables);
	}

	/** To the sender: that the request arrived, and its reference number. No text from the form. */
	public MimeMessage acknowledgement(String to, String language, String requestId) {
		Locale locale = locale(language);
		return to(to, locale).subject("mail.acknowledgement.subject").autoReplied()
			.text("acknowledgement-" + locale.getLanguage(), Map.of("requestId", requestId));
	}

	/** The sender's address, strictly parsed, with the name as an encoded display name (never raw header text). */
	private static InternetAddress replyTo(String email, String name) {
		try {
			InternetAddress address = new InternetAddress(email, true);
			if (!name.isEmpty()) {
				address.setPersonal(name, StandardCharsets.UTF_8.name());
			}
			return address;
		}
		catch (MessagingException | UnsupportedEncodingException e) {
			throw new IllegalStateException("cannot compose staff notification", e);
		}
	}
}
