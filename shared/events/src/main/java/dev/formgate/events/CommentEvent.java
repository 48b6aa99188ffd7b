package dev.formgate.events;

import java.time.Instant;

/**
 * Facts published by comment-service on {@link Topics#COMMENT_EVENTS}, keyed by {@link #subjectRef()} where the
 * author gave an address for notification, else by the comment id. None of them carries the comment's text, the
 * display name, the address or the client address.
 */
public sealed interface CommentEvent {

	CommentId commentId();

	/** The author's reference, or null when they gave no address. */
	SubjectRef subjectRef();

	String site();

	String post();

	Instant occurredAt();

	/** The record key: the subject's reference where there is one, so a subject's events stay in order. */
	default String key() {
		return subjectRef() == null ? commentId().value() : subjectRef().value();
	}

	/** A comment was stored; it waits for a moderator unless its site publishes at once. */
	record CommentPosted(CommentId commentId, SubjectRef subjectRef, String site, String post, boolean pending,
			Instant occurredAt) implements CommentEvent {
	}

	/** The comment is shown under its post. */
	record CommentPublished(CommentId commentId, SubjectRef subjectRef, String site, String post, Instant occurredAt)
			implements CommentEvent {
	}

	/** A moderator declined to publish the comment. */
	record CommentRejected(CommentId commentId, SubjectRef subjectRef, String site, String post, Instant occurredAt)
			implements CommentEvent {
	}

	/** The comment was taken down and its text deleted: by a moderator, by its author, by an erasure, or by retention (never moderated in time). */
	record CommentRemoved(CommentId commentId, SubjectRef subjectRef, String site, String post, RemovedBy by,
			Instant occurredAt) implements CommentEvent {

		public enum RemovedBy {
			MODERATOR, AUTHOR, ERASURE, RETENTION
		}
	}
}
