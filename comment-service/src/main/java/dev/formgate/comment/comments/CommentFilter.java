package dev.formgate.comment.comments;

/** Which comments a moderator lists: a state (the queue is PENDING), optionally one site or post. */
public record CommentFilter(CommentState state, String site, String post) {
}
