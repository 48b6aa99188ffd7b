package dev.formgate.comment.comments;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Moderation leads from PENDING to a decision, from PUBLISHED to REMOVED, and nowhere from a final state. */
class CommentStateTests {

	@Test
	void leadsFromPendingToEveryDecision() {
		assertThat(CommentState.PENDING.canMoveTo(CommentState.PUBLISHED)).isTrue();
		assertThat(CommentState.PENDING.canMoveTo(CommentState.REJECTED)).isTrue();
		assertThat(CommentState.PENDING.canMoveTo(CommentState.REMOVED)).isTrue();
	}

	@Test
	void leadsFromPublishedOnlyToRemoved() {
		assertThat(CommentState.PUBLISHED.canMoveTo(CommentState.REMOVED)).isTrue();
		assertThat(CommentState.PUBLISHED.canMoveTo(CommentState.REJECTED)).isFalse();
		assertThat(CommentState.PUBLISHED.canMoveTo(CommentState.PENDING)).isFalse();
	}

	@Test
	void leadsNowhereFromRejectedOrRemoved() {
		for (CommentState next : CommentState.values()) {
			assertThat(CommentState.REJECTED.canMoveTo(next)).isFalse();
			assertThat(CommentState.REMOVED.canMoveTo(next)).isFalse();
		}
	}

	@Test
	void holdsTextOnlyWhilePendingOrPublished() {
		assertThat(CommentState.PENDING.holdsText()).isTrue();
		assertThat(CommentState.PUBLISHED.holdsText()).isTrue();
		assertThat(CommentState.REJECTED.holdsText()).isFalse();
		assertThat(CommentState.REMOVED.holdsText()).isFalse();
	}
}
