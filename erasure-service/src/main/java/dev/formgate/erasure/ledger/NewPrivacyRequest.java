package dev.formgate.erasure.ledger;

import java.time.Instant;

/**
 * A request as the privacy officer or the self-service page files it, checked field by field. The addresses are turned
 * into subjectRefs (and the new one sealed) on filing; the ledger never stores them.
 *
 * @param email the person's address; null when the subjectRef is given instead (the self-service page keeps no
 * address once its mail is out)
 * @param newEmail rectification only: the corrected address
 * @param purpose objection only: the purpose objected to
 * @param receivedAt when the request reached the controller; null for now
 * @param identityVerifiedBy how the person's identity was verified, a fixed text ("control of the address"); null when
 * the officer files it (their own file says)
 * @param heldForReview why the request waits for the officer before it goes out (a fixed text); null to file it now
 * @param commentId the comment whose author the request is about, instead of an address (docs/privacy.md, "Requests by
 * comment id"); null when an address or a subjectRef names the subject
 */
public record NewPrivacyRequest(RequestType type, String email, String newEmail, String purpose,
		ReceivedVia receivedVia, String note, Instant receivedAt, String identityVerifiedBy, String heldForReview,
		String commentId) {

	/** For a subject named by address or subjectRef. */
	public NewPrivacyRequest(RequestType type, String email, String newEmail, String purpose,
			ReceivedVia receivedVia, String note, Instant receivedAt, String identityVerifiedBy, String heldForReview) {
		this(type, email, newEmail, purpose, receivedVia, note, receivedAt, identityVerifiedBy, heldForReview, null);
	}

	/** As the privacy officer files it. */
	public NewPrivacyRequest(RequestType type, String email, String newEmail, String purpose,
			ReceivedVia receivedVia, String note, Instant receivedAt) {
		this(type, email, newEmail, purpose, receivedVia, note, receivedAt, null, null);
	}

	/** How the request names its subject. */
	public SubjectNamedBy subjectNamedBy() {
		return commentId == null ? SubjectNamedBy.ADDRESS : SubjectNamedBy.COMMENT;
	}

	@Override
	public String toString() {
		return "NewPrivacyRequest[" + type + "]"; // never the addresses, should anyone log it
	}
}
