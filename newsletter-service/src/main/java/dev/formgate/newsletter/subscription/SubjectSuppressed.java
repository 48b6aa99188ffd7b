package dev.formgate.newsletter.subscription;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** The subject objected to the newsletter; staff cannot sign them up again. Carries nothing about the subject. */
public class SubjectSuppressed extends ProblemException {

	SubjectSuppressed() {
		super(ProblemType.SUBJECT_SUPPRESSED);
	}
}
