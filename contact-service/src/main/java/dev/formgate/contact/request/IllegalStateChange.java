package dev.formgate.contact.request;

/** The workflow does not lead from the request's state to the one asked for. */
public class IllegalStateChange extends RuntimeException {

	private final ContactRequestState from;
	private final ContactRequestState to;

	IllegalStateChange(ContactRequestState from, ContactRequestState to) {
		super("cannot move a contact request from " + from + " to " + to);
		this.from = from;
		this.to = to;
	}

	public ContactRequestState from() {
		return from;
	}

	public ContactRequestState to() {
		return to;
	}
}
