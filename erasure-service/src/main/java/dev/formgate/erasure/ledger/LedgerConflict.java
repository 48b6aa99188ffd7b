package dev.formgate.erasure.ledger;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/**
 * The request's state does not allow the call (cancel a finished request, extend beyond two months, a receipt
 * before the end). The type names the problem; the detail says why, without personal data.
 */
public class LedgerConflict extends ProblemException {

	LedgerConflict(ProblemType type, String detail) {
		super(type, detail);
	}
}
