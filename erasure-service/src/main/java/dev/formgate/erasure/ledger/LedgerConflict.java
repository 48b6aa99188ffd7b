package dev.formgate.erasure.ledger;

/**
 * The request's state does not allow the call (cancel a finished request, extend beyond two months, a receipt
 * before the end). {@code kind} names the problem type; the message says why, without personal data.
 */
public class LedgerConflict extends RuntimeException {

	private final String kind;

	LedgerConflict(String kind, String message) {
		super(message);
		this.kind = kind;
	}

	public String kind() {
		return kind;
	}
}
