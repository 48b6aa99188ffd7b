package dev.formgate.events;

import java.time.Instant;
import java.util.Map;

/** Stores' answers to {@link PrivacyEvent}s on {@link Topics#PRIVACY_OUTCOMES}, keyed by the subjectRef. */
public sealed interface OutcomeEvent {

	/** What a store did with one request. */
	enum Outcome {

		/** Personal data deleted; {@code counts} says how much per collection. */
		ERASED,
		/** The store holds nothing about the subject. */
		NOTHING_FOUND,
		/** Kept for a legal reason, named in {@code reason} (e.g. a legal hold). */
		RETAINED,
		/** The request does not concern this store (e.g. an objection to a purpose it does not serve). */
		NOT_APPLICABLE,
		/** The store's data about the subject, sealed, is in {@code sealedData}. */
		EXPORTED,
		/** Processing restricted, or the restriction lifted, or the address corrected, or the objection recorded. */
		DONE,
		/** The store could not do it; {@code reason} names why without personal data. */
		FAILED
	}

	/**
	 * One store's answer to one request. {@code reason} never holds personal data; {@code sealedData} (exports only)
	 * opens with {@link TransportSeal} for this request.
	 */
	record StoreOutcomeReported(PrivacyRequestId requestId, SubjectRef subjectRef, String store, Outcome outcome,
			Map<String, Long> counts, String reason, String sealedData, Instant occurredAt) implements OutcomeEvent {
	}
}
