package dev.formgate.comment.comments;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

import java.util.Map;

/** Moderation does not lead from the comment's state to the one asked for. */
public class IllegalStateChange extends ProblemException {

	IllegalStateChange(CommentState from, CommentState to) {
		super(ProblemType.ILLEGAL_STATE_CHANGE, "A comment in state " + from + " cannot move to " + to + ".",
				Map.of("state", from, "requestedState", to));
	}
}
