package dev.formgate.contact.request;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

import java.util.Map;

/** The workflow does not lead from the request's state to the one asked for. */
public class IllegalStateChange extends ProblemException {

	IllegalStateChange(ContactRequestState from, ContactRequestState to) {
		super(ProblemType.ILLEGAL_STATE_CHANGE, "A request in state " + from + " cannot move to " + to + ".",
				Map.of("state", from, "requestedState", to));
	}
}
