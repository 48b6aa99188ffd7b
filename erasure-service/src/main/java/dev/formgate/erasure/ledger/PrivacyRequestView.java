package dev.formgate.erasure.ledger;

import dev.formgate.events.OutcomeEvent.Outcome;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request as the privacy officer tracks it: deadline, state and each expected store's progress. It names the
 * subject nowhere; the officer's own file links the request id to the person.
 *
 * @param failingStores the stores whose outcome is FAILED (reported, or given up on for silence)
 * @param identityVerifiedBy how the person's identity was verified (self-service: "control of the address")
 * @param review the officer's review of a held self-service request, null when none was needed
 * @param subjectNamedBy whether an address or a comment id named the subject (neither is kept)
 */
public record PrivacyRequestView(String id, RequestType type, RequestState state, ReceivedVia receivedVia,
		String purpose, String note, Instant receivedAt, Instant dueAt, boolean overdue, List<Extension> extensions,
		Instant completedAt, Instant cancelledAt, String cancellationReason, List<StoreStatus> stores,
		List<String> failingStores, String identityVerifiedBy, Review review, SubjectNamedBy subjectNamedBy) {

	/**
	 * @param outcome null while the store has not answered
	 * @param requests how often the request was sent to it
	 * @param nextRequestAt when a silent store is asked again
	 */
	public record StoreStatus(String store, Outcome outcome, Map<String, Long> counts, String reason,
			Instant answeredAt, int requests, Instant lastRequestedAt, Instant nextRequestAt) {

		static StoreStatus of(StoreTask t) {
			StoreAnswer a = t.answer();
			return new StoreStatus(t.store(), a == null ? null : a.outcome(), a == null ? null : a.counts(),
					a == null ? null : a.reason(), a == null ? null : a.answeredAt(), t.requests(),
					t.lastRequestedAt(), t.nextRequestAt());
		}
	}

	static PrivacyRequestView of(PrivacyRequest r, Instant now) {
		return new PrivacyRequestView(r.id(), r.type(), r.state(), r.receivedVia(), r.purpose(), r.note(),
				r.receivedAt(), r.dueAt(), r.isOverdue(now), r.extensions(), r.completedAt(), r.cancelledAt(),
				r.cancellationReason(), r.stores().stream().map(StoreStatus::of).toList(), r.failingStores(),
				r.identityVerifiedBy(), r.review(), r.subjectNamedBy());
	}
}
