package dev.formgate.erasure.ledger;

import dev.formgate.events.OutcomeEvent.Outcome;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Proof that a request was carried out, store by store. It holds no personal data, not even the subjectRef: the
 * receipt is handed to the data subject or a supervisory authority and filed, and a subjectRef is a stable
 * pseudonym that would link it to every other record of that person across the stores and Kafka. Nor the officer's
 * note, which is free text. The request id is the link back to the ledger.
 */
public record Receipt(String requestId, RequestType type, String purpose, ReceivedVia receivedVia,
		String identityVerifiedBy, Instant receivedAt, Instant dueAt, List<Extension> extensions, Instant completedAt,
		Instant cancelledAt, RequestState state, List<StoreOutcome> outcomes, Instant issuedAt,
		SubjectNamedBy subjectNamedBy) {

	public record StoreOutcome(String store, Outcome outcome, Map<String, Long> counts, String reason,
			Instant answeredAt) {
	}

	static Receipt of(PrivacyRequest r, Instant now) {
		return new Receipt(r.id(), r.type(), r.purpose(), r.receivedVia(), r.identityVerifiedBy(), r.receivedAt(),
				r.dueAt(),
				r.extensions(), r.completedAt(), r.cancelledAt(), r.state(),
				r.stores().stream().filter(StoreTask::answered).map(t -> new StoreOutcome(t.store(),
						t.answer().outcome(), t.answer().counts(), t.answer().reason(), t.answer().answeredAt()))
					.toList(),
				now, r.subjectNamedBy());
	}
}
