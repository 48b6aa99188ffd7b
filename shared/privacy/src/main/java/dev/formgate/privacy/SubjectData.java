package dev.formgate.privacy;

import dev.formgate.events.SubjectRef;

/** What every store can do with a subject's data, for the requests all stores answer alike. */
public interface SubjectData {

	/** Whether the store holds anything under this reference. */
	boolean holdsAnything(SubjectRef subject);

	/** Everything held about the subject, as a record the JSON mapper writes (Art. 15/20). */
	Object export(SubjectRef subject);

	/** Art. 18: keep the data, process it no further. Idempotent. */
	void restrict(SubjectRef subject);

	/** The end of a restriction: what was held goes out now, once. Idempotent. */
	void liftRestriction(SubjectRef subject);

	/** Art. 16: everything held under {@code from} now belongs to the corrected address. Idempotent. */
	void rectify(SubjectRef from, SubjectRef to, String newEmail);
}
