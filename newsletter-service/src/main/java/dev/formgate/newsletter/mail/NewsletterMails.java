package dev.formgate.newsletter.mail;

import dev.formgate.outbox.MailBatches;
import dev.formgate.service.TextMails;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Composes and sends newsletter mails. Templates hold no user-supplied text: a mail to an address that has not
 * confirmed must not become a way to send someone else's words to anyone (docs/architecture.md, rule 7).
 */
@Component
public class NewsletterMails extends TextMails {

	private final JavaMailSender sender;
	private final MailProperties properties;
	private final DkimSigner dkim;

	NewsletterMails(JavaMailSender sender, MailProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers, Clock clock) {
		super(sender, properties.from(), messages, breakers);
		this.sender = sender;
		var key = properties.dkim();
		this.dkim = key.isConfigured() ? DkimSigner.of(key.domain() == null || key.domain().isBlank()
				? properties.fromDomain() : key.domain(), key.selector(), key.privateKey(), clock) : null;
		this.properties = properties;
	}

	public MimeMessage confirmation(String to, String language, String listTitle, String token, Duration validFor) {
		Locale locale = locale(language);
		String link = link("/newsletter/confirm", "token", token, locale);
		return sign(to(to, locale).subject("mail.confirmation.subject", listTitle)
			.text("confirmation-" + locale.getLanguage(),
					Map.of("listTitle", listTitle, "confirmUrl", link, "validHours", validFor.toHours())));
	}

	/** A mail to an active subscriber: carries RFC 2369 / RFC 8058 unsubscribe headers. */
	public MimeMessage welcome(String to, String language, String listTitle, String unsubscribeCredential) {
		Locale locale = locale(language);
		String link = link("/newsletter/unsubscribe", "token", unsubscribeCredential, locale);
		return sign(to(to, locale).subject("mail.welcome.subject", listTitle)
			.header("List-Unsubscribe", "<" + link + ">")
			.header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
			.text("welcome-" + locale.getLanguage(), Map.of("listTitle", listTitle, "unsubscribeUrl", link)));
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
	 * Signs the finished message with the operator's DKIM key, if one is configured: finished first as it will go out
	 * (dated, saved, its Message-ID kept: {@link MailBatches#finish}), so that nothing signed changes before it is
	 * sent. Returns the message.
	 */
	public MimeMessage sign(MimeMessage message) {
		if (dkim == null) {
			return message;
		}
		try {
			MailBatches.finish(message);
			dkim.sign(message);
			return message;
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot sign a mail", e);
		}
	}

	public MailProperties properties() {
		return properties;
	}

	private String link(String path, String param, String value, Locale locale) {
		return UriComponentsBuilder.fromUri(properties.publicBaseUrl())
			.path(path)
			.queryParam(param, value)
			.queryParam("lang", locale.getLanguage())
			.build()
			.toUriString();
	}
}
