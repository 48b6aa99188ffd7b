package dev.formgate.contact.request;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** The sender's processing is restricted (Art. 18): staff cannot move the request on until it is lifted. */
public class ProcessingRestricted extends ProblemException {

	ProcessingRestricted() {
		super(ProblemType.PROCESSING_RESTRICTED);
	}
}
