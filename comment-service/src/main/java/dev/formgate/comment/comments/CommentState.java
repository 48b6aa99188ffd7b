package dev.formgate.comment.comments;

import java.util.Set;

/**
 * Where a comment is in moderation: PENDING until a moderator decides (or at once PUBLISHED where the site publishes
 * without moderation); PUBLISHED shown under its post; REJECTED never shown; REMOVED taken down after publication.
 * Rejected and removed comments keep no text, name or address.
 */
public enum CommentState {

	PENDING, PUBLISHED, REJECTED, REMOVED;

	/** Whether a moderator may move a comment from this state to {@code next}. */
	boolean canMoveTo(CommentState next) {
		return switch (this) {
			case PENDING -> Set.of(PUBLISHED, REJECTED, REMOVED).contains(next);
			case PUBLISHED -> next == REMOVED;
			case REJECTED, REMOVED -> false;
		};
	}

	/** Whether the comment still holds what its author wrote. */
	boolean holdsText() {
		return this == PENDING || this == PUBLISHED;
	}
}
