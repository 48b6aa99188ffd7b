package dev.formgate.comment.mail;

import dev.formgate.outbox.MailBatches;
import dev.formgate.outbox.MailDelivery;
import dev.formgate.service.TextMails;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

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

	private final TextMails mails;
	private final MailBatches batches;

	CommentMails(JavaMailSender sender, MailProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers) {
		this.mails = new TextMails(sender, properties.from(), messages);
		this.batches = new MailBatches(sender, breakers.circuitBreaker("smtp"));
	}

	/** To the author who asked: the comment on this post of this site is published. */
	public MimeMessage publishedNotice(String to, String language, String siteTitle, String post, String commentId) {
		Locale locale = TextMails.locale(language);
		return mails.to(to, locale).subject("mail.published.subject").text("published-" + locale.getLanguage(),
				Map.of("site", siteTitle, "post", post, "commentId", commentId));
	}

	@Override
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted) {
		return batches.send(batch, accepted);
	}
}
