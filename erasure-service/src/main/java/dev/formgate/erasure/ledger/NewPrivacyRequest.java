package dev.formgate.erasure.ledger;

import java.time.Instant;

/**
 * A request as the privacy officer files it, checked field by field. The addresses are turned into subjectRefs (and
 * the new one sealed) on filing; the ledger never stores them.
 *
 * @param newEmail rectification only: the corrected address
 * @param purpose objection only: the purpose objected to
 * @param receivedAt when the request reached the controller; null for now
 */
public record NewPrivacyRequest(RequestType type, String email, String newEmail, String purpose,
		ReceivedVia receivedVia, String note, Instant receivedAt) {

	@Override
	public String toString() {
		return "NewPrivacyRequest[" + type + "]"; // never the addresses, should anyone log it
	}
}
