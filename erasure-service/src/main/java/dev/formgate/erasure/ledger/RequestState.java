package dev.formgate.erasure.ledger;

import java.util.Set;

/**
 * RECEIVED → IN_PROGRESS (fanned out) → COMPLETED, PARTIAL (some stores failed) or FAILED (all failed); an open
 * request may be CANCELLED. A finished request may still change between COMPLETED, PARTIAL and FAILED when a store
 * that was given up on for silence answers after all. A self-service request held for the privacy officer starts in
 * AWAITING_REVIEW: approved, it is RECEIVED and goes out; declined, it is CANCELLED. Its deadline runs meanwhile.
 */
public enum RequestState {

	AWAITING_REVIEW, RECEIVED, IN_PROGRESS, COMPLETED, PARTIAL, FAILED, CANCELLED;

	static final Set<RequestState> OPEN = Set.of(AWAITING_REVIEW, RECEIVED, IN_PROGRESS);

	public boolean isOpen() {
		return OPEN.contains(this);
	}

	/** Every expected store has answered (or was given up on). */
	public boolean isFinished() {
		return this == COMPLETED || this == PARTIAL || this == FAILED;
	}
}
