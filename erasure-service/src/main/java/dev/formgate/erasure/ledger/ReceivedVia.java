package dev.formgate.erasure.ledger;

/** How the request reached the controller; recorded for the receipt. */
public enum ReceivedVia {
	EMAIL, LETTER, IN_PERSON, PHONE, FAX, WEB_FORM, OTHER
}
