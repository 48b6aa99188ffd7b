package dev.formgate.comment.mail;

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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Composes and sends the publication notice: a fixed text naming the site and the post, nothing the author wrote (the
 * address is not confirmed, so the form must not carry anyone's words to it: docs/architecture.md, rule 7).
 */
@Component
public class CommentMails implements MailDelivery {

	private final JavaMailSender sender;
	private final MailProperties properties;
	private final MessageSource messages;
	private final TemplateEngine templates;
	private final MailBatches batches;

	CommentMails(JavaMailSender sender, MailProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers) {
		this.sender = sender;
		this.properties = properties;
		this.messages = messages;
		this.batches = new MailBatches(sender, breakers.circuitBreaker("smtp"));
		this.templates = MailTemplates.text("mail");
	}

	/** To the author who asked: the comment on this post of this site is published. */
	public MimeMessage publishedNotice(String to, String language, String siteTitle, String post, String commentId) {
		Locale locale = Locale.forLanguageTag("en".equals(language) ? "en" : "de");
		MimeMessage message = sender.createMimeMessage();
		try {
			var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(InternetAddress.parse(properties.from(), true)[0]);
			helper.setTo(new InternetAddress(to, true));
			helper.setSubject(messages.getMessage("mail.published.subject", null, locale));
			helper.setText(templates.process("published-" + locale.getLanguage(), new Context(locale,
					Map.of("site", siteTitle, "post", post, "commentId", commentId))));
			message.setHeader("Auto-Submitted", "auto-generated");
			message.saveChanges();
			return message;
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot compose publication notice", e);
		}
	}

	@Override
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted) {
		return batches.send(batch, accepted);
	}
}
