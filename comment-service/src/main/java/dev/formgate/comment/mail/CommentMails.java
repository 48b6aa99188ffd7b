package dev.formgate.comment.mail;

import dev.formgate.service.TextMails;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;

/**
 * Composes and sends the publication notice: a fixed text naming the site and the post, nothing the author wrote (the
 * address is not confirmed, so the form must not carry anyone's words to it: docs/architecture.md, rule 7).
 */
@Component
public class CommentMails extends TextMails {

	CommentMails(JavaMailSender sender, MailProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers) {
		super(sender, properties.from(), messages, breakers);
	}

	/** To the author who asked: the comment on this post of this site is published. */
	public MimeMessage publishedNotice(String to, String language, String siteTitle, String post, String commentId) {
		Locale locale = locale(language);
		return to(to, locale).subject("mail.published.subject").text("published-" + locale.getLanguage(),
				Map.of("site", siteTitle, "post", post, "commentId", commentId));
	}
}
