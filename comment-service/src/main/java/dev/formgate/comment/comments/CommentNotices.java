package dev.formgate.comment.comments;

import dev.formgate.comment.mail.CommentMails;
import dev.formgate.outbox.MailComposer;
import dev.formgate.outbox.OwedMail;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Composes the publication notice when it goes out; the address has then served its purpose and is deleted in the
 * same write that marks the notice sent. A comment erased or taken down meanwhile has no notice left to send.
 */
@Component
class CommentNotices implements MailComposer<Comment> {

	private final CommentMails mails;
	private final CommentProperties properties;

	CommentNotices(CommentMails mails, CommentProperties properties) {
		this.mails = mails;
		this.properties = properties;
	}

	@Override
	public Optional<MimeMessage> compose(Comment comment, OwedMail mail, Instant now) {
		if (comment.email() == null || comment.state() != CommentState.PUBLISHED) {
			return Optional.empty();
		}
		CommentProperties.Site site = properties.sites().get(comment.site());
		String title = site == null ? comment.site() : site.title();
		return Optional.of(mails.publishedNotice(comment.email(), comment.language(), title, comment.post(),
				comment.id()));
	}
}
