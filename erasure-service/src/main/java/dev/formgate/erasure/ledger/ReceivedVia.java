package dev.formgate.erasure.ledger;

/**
 * How the request reached the controller; recorded for the receipt. {@code SELF_SERVICE}: the person filed it on the
 * self-service page ("Meine Daten") after confirming it from their mailbox; only that page files it.
 */
public enum ReceivedVia {
	EMAIL, LETTER, IN_PERSON, PHONE, FAX, WEB_FORM, OTHER, SELF_SERVICE
}
