package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.ledger.RequestType;

/**
 * A request from the "Meine Daten" form, checked: the type, for an objection its purpose, for a rectification the
 * corrected address, the page's language and the address the link goes to.
 */
public record SelfServiceOrder(RequestType type, String purpose, String newEmail, String language, String email) {

	@Override
	public String toString() {
		return "SelfServiceOrder[" + type + "]"; // never the addresses
	}
}
