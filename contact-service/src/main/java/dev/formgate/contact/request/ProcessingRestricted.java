package dev.formgate.contact.request;

/** The sender's processing is restricted (Art. 18): staff cannot move the request on until it is lifted. */
public class ProcessingRestricted extends RuntimeException {

	ProcessingRestricted() {
		super("processing of this request is restricted", null, false, false);
	}
}
