package dev.formgate.comment.comments;

import java.time.Instant;

/**
 * A comment as moderators see it: what the author wrote and where, never the notification address or the client
 * address. {@code notice} says whether the author asked to be told of the publication.
 */
public record CommentDetails(String id, String site, String post, CommentState state, String displayName, String text,
		boolean notice, Instant postedAt, Instant publishedAt, Instant changedAt, String changedBy, String removalReason,
		boolean restricted) {

	static CommentDetails of(Comment c) {
		return new CommentDetails(c.id(), c.site(), c.post(), c.state(), c.displayName(), c.text(), c.email() != null,
				c.postedAt(), c.publishedAt(), c.changedAt(), c.changedBy(), c.removalReason(), c.restricted());
	}
}
