package dev.formgate.newsletter.subscription;

/** The subject objected to the newsletter; staff cannot sign them up again. Carries nothing about the subject. */
public class SubjectSuppressed extends Exception {

	SubjectSuppressed() {
		super("the subject objected to the newsletter", null, false, false);
	}
}
