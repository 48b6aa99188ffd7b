package dev.formgate.privacy;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The answer a store gave to one request, kept so that a re-sent request gets the same answer and changes nothing,
 * and carrying its own outbox: {@code relayDue} is set while the answer still has to reach Kafka.
 */
@Document(AnsweredRequest.COLLECTION)
class AnsweredRequest {

	static final String COLLECTION = "privacy_answers";

	/** The request id. */
	@Id
	private String id;

	private String subjectRef;

	private String type;

	private Outcome outcome;

	private Map<String, Long> counts;

	private String reason;

	/** Only for exports: ciphertext under the request's transport seal. */
	private String sealedData;

	/** Indexed: answers past their retention are found by it at every sweep. */
	@Indexed
	private Instant answeredAt;

	/** False between storing the planned answer and carrying the request out. */
	private boolean carriedOut;

	@Indexed
	private Instant relayDue;

	private int relayFailures;

	/** The trace of the request's delivery, so the published answer continues it (no personal data). */
	private String traceparent;

	protected AnsweredRequest() {
	}

	static AnsweredRequest planned(PrivacyEvent request, Answer answer, Instant now) {
		AnsweredRequest a = new AnsweredRequest();
		a.id = request.requestId().value();
		a.subjectRef = request.subjectRef().value();
		a.type = CloudEvents.typeOf(request.getClass());
		a.outcome = answer.outcome();
		a.counts = answer.counts();
		a.reason = answer.reason();
		a.sealedData = answer.sealedData();
		a.answeredAt = now;
		return a;
	}

	StoreOutcomeReported toEvent(String store) {
		return new StoreOutcomeReported(new PrivacyRequestId(id), subjectRef(), store, outcome,
				counts == null ? Map.of() : counts, reason, sealedData, answeredAt);
	}

	/** The same CloudEvents id every time this answer is published, so the ledger can drop repeats. */
	String eventId(String store) {
		return UUID.nameUUIDFromBytes((store + "/" + id).getBytes(StandardCharsets.UTF_8)).toString();
	}

	String id() {
		return id;
	}

	SubjectRef subjectRef() {
		return new SubjectRef(subjectRef);
	}

	String type() {
		return type;
	}

	Outcome outcome() {
		return outcome;
	}

	Instant answeredAt() {
		return answeredAt;
	}

	boolean carriedOut() {
		return carriedOut;
	}

	Instant relayDue() {
		return relayDue;
	}

	int relayFailures() {
		return relayFailures;
	}

	String traceparent() {
		return traceparent;
	}
}
