package dev.formgate.events;

import java.time.Instant;

/**
 * Data-subject requests the erasure-service fans out on {@link Topics#PRIVACY_REQUESTS}, keyed by
 * {@link #subjectRef()}. Every registered store answers each with one {@link OutcomeEvent.StoreOutcomeReported}. The
 * same request may arrive again (the ledger re-requests missing answers): a store answers it again, changing nothing
 * a second time. None carries an address; what must travel (a corrected address) is sealed with
 * {@link TransportSeal} for this request.
 */
public sealed interface PrivacyEvent {

	PrivacyRequestId requestId();

	SubjectRef subjectRef();

	Instant occurredAt();

	/** Art. 17: erase everything about the subject, unless a legal duty requires keeping it (then RETAINED). */
	record ErasureRequested(PrivacyRequestId requestId, SubjectRef subjectRef, Instant occurredAt)
			implements PrivacyEvent {
	}

	/**
	 * Art. 21: the subject objects to processing for {@code purpose} ({@code newsletter}: absolute, 21(3)), or to every
	 * processing that rests on Art. 6(1)(e) or (f) ({@value #PUBLIC_TASK_OR_LEGITIMATE_INTERESTS}). Stores that process
	 * for the purpose stop and keep the subject suppressed from it.
	 */
	record ObjectionReceived(PrivacyRequestId requestId, SubjectRef subjectRef, String purpose, Instant occurredAt)
			implements PrivacyEvent {

		/** The purpose an objection names to object to every processing resting on Art. 6(1)(e) or (f) at once. */
		public static final String PUBLIC_TASK_OR_LEGITIMATE_INTERESTS = "public-task-or-legitimate-interests";

		/**
		 * Whether the objection concerns a store's processing for {@code storePurpose}: it names that purpose, or it
		 * names every processing under Art. 6(1)(e) or (f) and this one rests on either ({@code restsOnEOrF}).
		 */
		public boolean concerns(String storePurpose, boolean restsOnEOrF) {
			return storePurpose.equals(purpose) || restsOnEOrF && PUBLIC_TASK_OR_LEGITIMATE_INTERESTS.equals(purpose);
		}
	}

	/**
	 * Art. 7(3): the subject withdraws every consent they gave. Stores whose processing rests on consent (Art. 6(1)(a))
	 * stop it as after the subject's own withdrawal there (the newsletter: every list ended, as by the unsubscribe link);
	 * the others answer NOT_APPLICABLE.
	 */
	record ConsentWithdrawn(PrivacyRequestId requestId, SubjectRef subjectRef, Instant occurredAt)
			implements PrivacyEvent {
	}

	/** Art. 15/20: each store contributes its data about the subject, sealed, in its answer. */
	record AccessRequested(PrivacyRequestId requestId, SubjectRef subjectRef, Instant occurredAt)
			implements PrivacyEvent {
	}

	/** Art. 18: keep the data but process it no further (no mails) until lifted. */
	record RestrictionRequested(PrivacyRequestId requestId, SubjectRef subjectRef, Instant occurredAt)
			implements PrivacyEvent {
	}

	/** The end of a restriction. */
	record RestrictionLifted(PrivacyRequestId requestId, SubjectRef subjectRef, Instant occurredAt)
			implements PrivacyEvent {
	}

	/**
	 * Art. 16: the subject's address is corrected. {@code sealedNewAddress} opens with {@link TransportSeal} for this
	 * request; {@code newSubjectRef} is the corrected address's reference.
	 */
	record RectificationRequested(PrivacyRequestId requestId, SubjectRef subjectRef, SubjectRef newSubjectRef,
			String sealedNewAddress, Instant occurredAt) implements PrivacyEvent {
	}
}
