package dev.formgate.erasure.ledger;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** The access export's retention has ended: the stores' data is deleted from the ledger. */
public class ExportGone extends ProblemException {

	public ExportGone() {
		super(ProblemType.EXPORT_DELETED);
	}
}
