package dev.formgate.newsletter.mail;

import dev.formgate.outbox.MailBatches;
import dev.formgate.outbox.MailDelivery;
import dev.formgate.service.MailTemplates;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Composes and sends newsletter mails. Templates hold no user-supplied text: a mail to an address that has not
 * confirmed must not become a way to send someone else's words to anyone (docs/architecture.md, rule 7).
 */
@Component
public class NewsletterMails implements MailDelivery {

	private final JavaMailSender sender;
	private final MailProperties properties;
	private final MessageSource messages;
	private final TemplateEngine templates;
	private final MailBatches batches;
	private final DkimSigner dkim;

	NewsletterMails(JavaMailSender sender, MailProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers, Clock clock) {
		this.sender = sender;
		var key = properties.dkim();
		this.dkim = key.isConfigured() ? DkimSigner.of(key.domain() == null || key.domain().isBlank()
				? properties.fromDomain() : key.domain(), key.selector(), key.privateKey(), clock) : null;
		this.batches = new MailBatches(sender, breakers.circuitBreaker("smtp"));
		this.properties = properties;
		this.messages = messages;
		this.templates = MailTemplates.text("mail");
	}

	public MimeMessage confirmation(String to, String language, String listTitle, String token, Duration validFor) {
		String link = link("/newsletter/confirm", "token", token, language);
		return compose(to, language, "confirmation",
				Map.of("listTitle", listTitle, "confirmUrl", link, "validHours", validFor.toHours()), null);
	}

	/** A mail to an active subscriber: carries RFC 2369 / RFC 8058 unsubscribe headers. */
	public MimeMessage welcome(String to, String language, String listTitle, String unsubscribeCredential) {
		String link = link("/newsletter/unsubscribe", "token", unsubscribeCredential, language);
		return compose(to, language, "welcome", Map.of("listTitle", listTitle, "unsubscribeUrl", link), link);
	}

	/**
	 * Sends all messages over one connection, reporting each to {@code accepted} as soon as the server took it;
	 * returns those the server did not accept (see {@link MailBatches}).
	 */
	@Override
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted) {
		return batches.send(batch, accepted);
	}

	/** The same, asking the gate before each mail (a campaign's pace, its pause). */
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted, Gate gate) {
		return batches.send(batch, accepted, gate);
	}

	/**
	 * An empty message whose envelope sender (the SMTP {@code MAIL FROM}, where bounces go) is {@code returnPath}
	 * rather than the From address.
	 */
	public MimeMessage message(String returnPath) {
		SMTPMessage message = new SMTPMessage(sender instanceof JavaMailSenderImpl impl ? impl.getSession()
				: sender.createMimeMessage().getSession());
		message.setEnvelopeFrom(returnPath);
		return message;
	}

	/**
	 * Signs the finished message with the operator's DKIM key, if one is configured: dated and saved first, as it
	 * will go out (its Message-ID kept), so that saving it again before sending changes nothing signed.
	 */
	public void sign(MimeMessage message) {
		if (dkim == null) {
			return;
		}
		try {
			if (message.getSentDate() == null) {
				message.setSentDate(java.util.Date.from(java.time.Instant.now()));
			}
			String messageId = message.getMessageID();
			message.saveChanges();
			if (messageId != null) {
				message.setHeader("Message-ID", messageId);
			}
			dkim.sign(message);
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot sign a mail", e);
		}
	}

	public MailProperties properties() {
		return properties;
	}

	private String link(String path, String param, String value, String language) {
		return UriComponentsBuilder.fromUri(properties.publicBaseUrl())
			.path(path)
			.queryParam(param, value)
			.queryParam("lang", language)
			.build()
			.toUriString();
	}

	private MimeMessage compose(String to, String language, String template, Map<String, Object> variables,
			String unsubscribeUrl) {
		Locale locale = Locale.forLanguageTag(language);
		MimeMessage message = sender.createMimeMessage();
		try {
			var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(InternetAddress.parse(properties.from(), true)[0]);
			helper.setTo(new InternetAddress(to, true));
			helper.setSubject(messages.getMessage("mail." + template + ".subject",
					new Object[] { variables.get("listTitle") }, locale));
			helper.setText(templates.process(template + "-" + locale.getLanguage(), new Context(locale, variables)));
			if (unsubscribeUrl != null) {
				message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
				message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			message.saveChanges();
			sign(message);
			return message;
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot compose " + template + " mail", e);
		}
	}
}
