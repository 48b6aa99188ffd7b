package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.ledger.PrivacyRequestView;
import dev.formgate.erasure.ledger.Receipt;
import dev.formgate.erasure.ledger.RequestType;

/**
 * What a self-service link shows. Unknown, expired and tampered links are all {@link Kind#INVALID}: nobody learns
 * from a link whether it ever existed.
 *
 * @param request the ledger's view once the request is filed, else null
 * @param receipt once the request is over, else null
 */
public record LinkPage(Kind kind, RequestType type, String purpose, PrivacyRequestView request, Receipt receipt) {

	public enum Kind {
		/** Unknown, expired or tampered: the same page for all. */
		INVALID,
		/** The link is good: a button confirms (a GET changes nothing). */
		CONFIRM,
		/** Rectification: the link to the corrected address; its button files the request. */
		CONFIRM_NEW_ADDRESS,
		/** The form's request type is not the link's: nothing is filed. */
		WRONG_TYPE,
		/** Rectification confirmed at the old address: the new one must confirm too. */
		AWAITING_NEW_ADDRESS,
		/** Filed: the ledger's progress, the receipt, for access the export. */
		STATUS,
		/** Confirmed once before (a second click): the status, nothing filed again. */
		ALREADY_CONFIRMED
	}

	static LinkPage invalid() {
		return new LinkPage(Kind.INVALID, null, null, null, null);
	}

	static LinkPage of(Kind kind, SelfServiceRequest request) {
		return new LinkPage(kind, request.type(), request.purpose(), null, null);
	}

	public boolean isFiled() {
		return request != null;
	}
}
