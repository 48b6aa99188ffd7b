package dev.formgate.erasure.ledger;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** No request with this id. */
public class PrivacyRequestNotFound extends ProblemException {

	public PrivacyRequestNotFound() {
		super(ProblemType.PRIVACY_REQUEST_NOT_FOUND);
	}
}
