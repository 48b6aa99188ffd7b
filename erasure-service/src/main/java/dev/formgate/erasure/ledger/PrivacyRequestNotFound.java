package dev.formgate.erasure.ledger;

/** No request with this id. */
public class PrivacyRequestNotFound extends RuntimeException {

	public PrivacyRequestNotFound() {
		super("no such privacy request");
	}
}
