package dev.formgate.erasure.ledger;

/** The access export's retention has ended: the stores' data is deleted from the ledger. */
public class ExportGone extends RuntimeException {

	public ExportGone() {
		super("the export has been deleted");
	}
}
