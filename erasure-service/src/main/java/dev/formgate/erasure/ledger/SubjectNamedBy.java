package dev.formgate.erasure.ledger;

/**
 * How a request names its subject, for the officer and the receipt; the ledger keeps neither the address nor the
 * comment id, only the subjectRef derived from it (docs/privacy.md, "Requests by comment id").
 */
public enum SubjectNamedBy {

	/** By e-mail address: every store is asked about the person behind it. */
	ADDRESS,
	/** By comment id: the author of one comment, who may have given no address. */
	COMMENT
}
