package dev.formgate.service;

import dev.formgate.outbox.MailBatches;
import dev.formgate.outbox.MailDelivery;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a service composes and sends its plain-text mails, which its mail class adds to: from the service's sender to
 * one strictly parsed address, the subject from the service's messages, the body from a text template
 * {@code templates/mail/<name>.txt} ({@link MailTemplates}), UTF-8, marked as sent automatically (RFC 3834
 * {@code Auto-Submitted}), saved once; sent in batches over reused SMTP connections through the {@code smtp} circuit
 * breaker ({@link MailBatches}). What goes into a mail stays the caller's decision (docs/architecture.md, rule 7).
 */
public class TextMails implements MailDelivery {

	private final JavaMailSender sender;
	private final String from;
	private final MessageSource messages;
	private final TemplateEngine templates;
	private final MailBatches batches;

	/** @param from the sender, as configured ({@code Name <address>}) */
	public TextMails(JavaMailSender sender, String from, MessageSource messages, CircuitBreakerRegistry breakers) {
		this.sender = sender;
		this.from = from;
		this.messages = messages;
		this.templates = MailTemplates.text("mail");
		this.batches = new MailBatches(sender, breakers.circuitBreaker("smtp"));
	}

	/** The language a mail is written in: English when asked for, German otherwise. */
	public static Locale locale(String language) {
		return Locale.forLanguageTag("en".equals(language) ? "en" : "de");
	}

	/** A mail to this address in this language; finished by {@link Draft#text}. */
	public Draft to(String address, Locale locale) {
		return new Draft(address, locale);
	}

	/**
	 * Sends the mails over one connection, reporting each to {@code accepted} as soon as the server took it; returns
	 * those the server did not accept (see {@link MailBatches}).
	 */
	@Override
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted) {
		return batches.send(batch, accepted);
	}

	/** The same, asking the gate before each mail (a sender's pace, a pause). */
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted, Gate gate) {
		return batches.send(batch, accepted, gate);
	}

	/** One mail being composed. */
	public final class Draft {

		private final String to;
		private final Locale locale;
		private final Map<String, String> headers = new LinkedHashMap<>();
		private String subjectKey;
		private Object[] subjectArguments;
		private InternetAddress replyTo;

		private Draft(String to, Locale locale) {
			this.to = to;
			this.locale = locale;
			headers.put("Auto-Submitted", "auto-generated");
		}

		/** The subject: the message {@code key} in the mail's language, with these arguments. */
		public Draft subject(String key, Object... arguments) {
			this.subjectKey = key;
			this.subjectArguments = arguments.length == 0 ? null : arguments;
			return this;
		}

		public Draft replyTo(InternetAddress address) {
			this.replyTo = address;
			return this;
		}

		/** An automatic answer to a mail or form (RFC 3834): auto-responders must not answer it in turn. */
		public Draft autoReplied() {
			return header("Auto-Submitted", "auto-replied");
		}

		public Draft header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		/**
		 * The mail, its body the text template {@code name} with these variables; saved, so that it goes out as it is
		 * now (the relay gives it its Message-ID, {@link MailBatches} sends it without formatting it again).
		 */
		public MimeMessage text(String template, Map<String, ?> variables) {
			MimeMessage message = sender.createMimeMessage();
			try {
				var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
				helper.setFrom(InternetAddress.parse(from, true)[0]);
				helper.setTo(new InternetAddress(to, true));
				if (replyTo != null) {
					helper.setReplyTo(replyTo);
				}
				helper.setSubject(messages.getMessage(subjectKey, subjectArguments, locale));
				helper.setText(templates.process(template, new Context(locale, new HashMap<String, Object>(variables))));
				for (var header : headers.entrySet()) {
					message.setHeader(header.getKey(), header.getValue());
				}
				message.saveChanges();
				return message;
			}
			catch (MessagingException e) {
				throw new IllegalStateException("cannot compose the mail " + template, e);
			}
		}
	}
}
