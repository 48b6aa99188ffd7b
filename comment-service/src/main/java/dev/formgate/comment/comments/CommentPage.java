package dev.formgate.comment.comments;

import java.util.List;

/** One page of comments and how many match in all. */
public record CommentPage(List<CommentDetails> items, long total) {
}
