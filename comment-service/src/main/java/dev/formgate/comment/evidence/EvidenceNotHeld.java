package dev.formgate.comment.evidence;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** The comment's evidence is gone: its period ended, or the author objected or had it erased. */
class EvidenceNotHeld extends ProblemException {

	EvidenceNotHeld() {
		super(ProblemType.EVIDENCE_NOT_HELD);
	}
}
