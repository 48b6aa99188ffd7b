package dev.formgate.erasure.ledger;

/** The data-subject rights the ledger carries out, each fanned out as one {@code PrivacyEvent}. */
public enum RequestType {

	/** Art. 17. */
	ERASURE,
	/** Art. 21, for one purpose. */
	OBJECTION,
	/** Art. 15/20: the stores' data, assembled into one export. */
	ACCESS,
	/** Art. 18. */
	RESTRICTION,
	/** The end of an Art. 18 restriction. */
	LIFT_RESTRICTION,
	/** Art. 16, of the e-mail address. */
	RECTIFICATION,
	/** Art. 7(3): every consent the person gave. */
	WITHDRAWAL
}
