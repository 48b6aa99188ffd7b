package dev.formgate.contact.request;

/** No request with this id, or it has been purged. */
public class ContactRequestNotFound extends RuntimeException {

	public ContactRequestNotFound() {
		super("no such contact request");
	}
}
