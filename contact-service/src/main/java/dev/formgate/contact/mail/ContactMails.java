package dev.formgate.contact.mail;

import dev.formgate.outbox.MailBatches;
import dev.formgate.outbox.MailDelivery;
import dev.formgate.service.MailTemplates;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Composes and sends contact mails. The staff notification carries the request and answers go to the sender
 * (Reply-To); the acknowledgement to the sender carries nothing the sender typed, so the form cannot be used to send
 * someone else's words to any address (docs/architecture.md, rule 7).
 */
@Component
public class ContactMails implements MailDelivery {

	private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm")
		.withZone(ZoneId.of("Europe/Berlin"));

	private final JavaMailSender sender;
	private final MailProperties properties;
	private final MessageSource messages;
	private final TemplateEngine templates;
	private final MailBatches batches;

	ContactMails(JavaMailSender sender, MailProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers) {
		this.sender = sender;
		this.properties = properties;
		this.messages = messages;
		this.batches = new MailBatches(sender, breakers.circuitBreaker("smtp"));
		this.templates = MailTemplates.text("mail");
	}

	/** To the topic's staff inbox, in German; Reply-To is the sender, so staff answer with their mail client. */
	public MimeMessage staffNotification(StaffNotification n) {
		Locale german = Locale.GERMAN;
		String subject = MailHeaders.line(n.subject(), 200);
		String name = MailHeaders.line(n.name(), 100);
		Map<String, Object> variables = Map.of("topicTitle", n.topicTitle(), "requestId", n.requestId(),
				"receivedAt", RECEIVED_AT.format(n.receivedAt()), "name", name, "email", n.email(), "subject", subject,
				"message", n.message(), "retentionDays", n.retentionDays());
		MimeMessage message = sender.createMimeMessage();
		try {
			var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(InternetAddress.parse(properties.from(), true)[0]);
			helper.setTo(new InternetAddress(n.inbox(), true));
			helper.setReplyTo(replyTo(n.email(), name));
			helper.setSubject(messages.getMessage("mail.staff.subject", new Object[] { n.topicTitle(), subject },
					german));
			helper.setText(templates.process("staff-notification-de", new Context(german, variables)));
			message.setHeader("Auto-Submitted", "auto-generated");
			message.setHeader("X-Formgate-Request-Id", n.requestId());
			message.saveChanges();
			return message;
		}
		catch (MessagingException | UnsupportedEncodingException e) {
			throw new IllegalStateException("cannot compose staff notification", e);
		}
	}

	/** To the sender: that the request arrived, and its reference number. No text from the form. */
	public MimeMessage acknowledgement(String to, String language, String requestId) {
		Locale locale = Locale.forLanguageTag("en".equals(language) ? "en" : "de");
		MimeMessage message = sender.createMimeMessage();
		try {
			var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(InternetAddress.parse(properties.from(), true)[0]);
			helper.setTo(new InternetAddress(to, true));
			helper.setSubject(messages.getMessage("mail.acknowledgement.subject", null, locale));
			helper.setText(templates.process("acknowledgement-" + locale.getLanguage(),
					new Context(locale, Map.of("requestId", requestId))));
			// RFC 3834: an automatic answer; auto-responders must not answer it in turn.
			message.setHeader("Auto-Submitted", "auto-replied");
			message.saveChanges();
			return message;
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot compose acknowledgement", e);
		}
	}

	/**
	 * Sends all messages over one connection, reporting each to {@code accepted} as soon as the server took it;
	 * returns those the server did not accept (see {@link MailBatches}).
	 */
	@Override
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted) {
		return batches.send(batch, accepted);
	}

	/** The sender's address, strictly parsed, with the name as an encoded display name (never raw header text). */
	private static InternetAddress replyTo(String email, String name) throws MessagingException,
			UnsupportedEncodingException {
		InternetAddress address = new InternetAddress(email, true);
		if (!name.isEmpty()) {
			address.setPersonal(name, StandardCharsets.UTF_8.name());
		}
		return address;
	}
}
