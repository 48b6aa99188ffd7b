package dev.formgate.contact.request;

import java.util.Map;
import java.util.Set;

/**
 * Where a request stands: RECEIVED → IN_PROGRESS → ANSWERED → CLOSED. Staff may close from any open state (spam,
 * duplicates), and take an answered or closed request up again when the sender writes back.
 */
public enum ContactRequestState {

	RECEIVED, IN_PROGRESS, ANSWERED, CLOSED;

	private static final Map<ContactRequestState, Set<ContactRequestState>> NEXT = Map.of(
			RECEIVED, Set.of(IN_PROGRESS, CLOSED),
			IN_PROGRESS, Set.of(ANSWERED, CLOSED),
			ANSWERED, Set.of(IN_PROGRESS, CLOSED),
			CLOSED, Set.of(IN_PROGRESS));

	public boolean canMoveTo(ContactRequestState next) {
		return NEXT.get(this).contains(next);
	}

	public boolean isOpen() {
		return this != CLOSED;
	}
}
