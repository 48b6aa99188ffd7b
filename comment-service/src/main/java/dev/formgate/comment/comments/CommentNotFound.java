package dev.formgate.comment.comments;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** No comment with this id, or it has been deleted. */
public class CommentNotFound extends ProblemException {

	public CommentNotFound() {
		super(ProblemType.COMMENT_NOT_FOUND);
	}
}
