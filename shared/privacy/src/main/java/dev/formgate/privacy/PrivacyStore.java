package dev.formgate.privacy;

import dev.formgate.events.PrivacyEvent;

/**
 * What one service does with data-subject requests. {@link PrivacyAnswers} first asks for the answer, stores it, and
 * then has the request carried out, so that a crash in between still gives the ledger the same answer as before.
 */
public interface PrivacyStore {

	/** The answer, decided from the data as it is now. Must change nothing. */
	Answer plan(PrivacyEvent request);

	/** Does what the request asks. Called at least once after {@link #plan}, so doing it twice changes nothing more. */
	void carryOut(PrivacyEvent request);
}
