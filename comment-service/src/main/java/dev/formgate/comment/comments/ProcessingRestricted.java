package dev.formgate.comment.comments;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** The author restricted processing (Art. 18): moderators cannot move the comment until it is lifted. */
public class ProcessingRestricted extends ProblemException {

	ProcessingRestricted() {
		super(ProblemType.PROCESSING_RESTRICTED, "The author asked to restrict processing (Art. 18 GDPR): the comment "
				+ "keeps its state and is not shown until the privacy officer lifts the restriction.");
	}
}
