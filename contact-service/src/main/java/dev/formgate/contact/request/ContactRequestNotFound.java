package dev.formgate.contact.request;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** No request with this id, or it has been purged. */
public class ContactRequestNotFound extends ProblemException {

	public ContactRequestNotFound() {
		super(ProblemType.CONTACT_REQUEST_NOT_FOUND);
	}
}
