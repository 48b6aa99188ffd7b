package dev.formgate.erasure.ledger;

import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxEvent;
import dev.formgate.web.ProblemType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One data-subject request. It names the subject by subjectRef only; the document carries its own outbox (emissions
 * of the request event not yet on Kafka, each with its own CloudEvents id, so a store that drops duplicate ids still
 * sees a re-request) and each expected store's task ({@link StoreTasks}), so filing, re-requesting and recording an
 * answer are each one atomic single-document write. The outbox's due time also brings the relay back for the stores'
 * deadlines; the request's own is its {@link Deadline}.
 */
@Document("privacy_requests")
@CompoundIndex(name = "state_due", def = "{'state': 1, 'dueAt': 1}")
@CompoundIndex(name = "type_received", def = "{'type': 1, 'receivedAt': 1}")
@CompoundIndex(name = "subject_type", def = "{'subjectRef': 1, 'type': 1}")
class PrivacyRequest {

	@Id
	private String id;

	@Version
	private Long version;

	private RequestType type;

	private String subjectRef;

	/** How the request named the subject; null (stored before it was recorded) means by address. */
	private SubjectNamedBy subjectNamedBy;

	/** Rectification: the corrected address's reference. */
	private String newSubjectRef;

	/**
	 * Rectification: the corrected address sealed for this request (ciphertext, never the address). Kept only while
	 * a store may still need it, a silent one asked again or one registering late; gone once the request ends.
	 */
	private String sealedNewAddress;

	private String purpose;

	private ReceivedVia receivedVia;

	private String note;

	/** How the person's identity was verified (self-service: "control of the address"); null for the officer's own. */
	private String identityVerifiedBy;

	/** The officer's review of a self-service request held before it went out; null when none was needed. */
	private Review review;

	@Indexed
	private RequestState state;

	@Indexed
	private Instant receivedAt;

	private Instant filedAt;

	@Unwrapped.Empty
	private Deadline deadline = new Deadline();

	private Instant completedAt;

	private Instant cancelledAt;

	private String cancellationReason;

	@Unwrapped.Empty
	private StoreTasks stores = new StoreTasks();

	@Unwrapped.Empty
	private Outbox outbox = new Outbox();

	private Instant exportDownloadedAt;

	/** When the stores' sealed access data must go; null when there is none. */
	@Indexed
	private Instant exportExpiresAt;

	private Instant exportPurgedAt;

	protected PrivacyRequest() {
	}

	/**
	 * A new request, in one write with its first emission: expected are the stores registered to answer now.
	 *
	 * @param receivedAt when the controller received it (the deadline runs from here), not after {@code now}
	 */
	static PrivacyRequest filed(PrivacyRequestId id, NewPrivacyRequest request, SubjectRef subjectRef,
			SubjectRef newSubjectRef, String sealedNewAddress, List<String> answeringStores, Instant now,
			LedgerProperties settings) {
		PrivacyRequest r = new PrivacyRequest();
		r.id = id.value();
		r.type = request.type();
		r.subjectRef = subjectRef.value();
		r.subjectNamedBy = request.subjectNamedBy();
		r.newSubjectRef = newSubjectRef == null ? null : newSubjectRef.value();
		r.sealedNewAddress = sealedNewAddress;
		r.purpose = request.purpose();
		r.receivedVia = request.receivedVia();
		r.note = request.note();
		r.identityVerifiedBy = request.identityVerifiedBy();
		r.receivedAt = request.receivedAt() == null ? now : request.receivedAt();
		r.filedAt = now;
		r.deadline = Deadline.after(r.receivedAt);
		if (request.heldForReview() != null) {
			r.state = RequestState.AWAITING_REVIEW;
			r.review = Review.held(request.heldForReview(), now);
			return r; // nothing goes out, and no store is expected, until the officer approves
		}
		r.state = RequestState.RECEIVED;
		r.fanOut(answeringStores, now, settings);
		return r;
	}

	private void fanOut(List<String> answeringStores, Instant now, LedgerProperties settings) {
		for (String store : answeringStores) {
			stores.expect(store, now, settings.backoff());
		}
		emit(now);
	}

	/** The officer approves a held request: it goes out now to the stores registered now. */
	void approve(String by, List<String> answeringStores, Instant now, LedgerProperties settings) {
		awaitingReview();
		review = review.decided(true, by, null, now);
		state = RequestState.RECEIVED;
		fanOut(answeringStores, now, settings);
	}

	/** The officer declines a held request, for a reason the person is told (Art. 12(4)); nothing went out. */
	void decline(String by, String reason, Instant now) {
		awaitingReview();
		review = review.decided(false, by, reason, now);
		state = RequestState.CANCELLED;
		cancelledAt = now;
		cancellationReason = reason;
		sealedNewAddress = null;
	}

	private void awaitingReview() {
		if (state != RequestState.AWAITING_REVIEW) {
			throw new LedgerConflict(ProblemType.ILLEGAL_STATE_CHANGE,
					"Only a request awaiting review can be approved or declined; this one is " + state + ".");
		}
	}

	/** Queues one more emission of the request's event. */
	private void emit(Instant now) {
		outbox.record(OutboxEvent.of(subjectRef, event(), now), now);
	}

	/** The event every emission carries: the same request id and time, so stores see the same request again. */
	PrivacyEvent event() {
		PrivacyRequestId requestId = requestId();
		SubjectRef subject = new SubjectRef(subjectRef);
		return switch (type) {
			case ERASURE -> new PrivacyEvent.ErasureRequested(requestId, subject, filedAt);
			case OBJECTION -> new PrivacyEvent.ObjectionReceived(requestId, subject, purpose, filedAt);
			case ACCESS -> new PrivacyEvent.AccessRequested(requestId, subject, filedAt);
			case RESTRICTION -> new PrivacyEvent.RestrictionRequested(requestId, subject, filedAt);
			case LIFT_RESTRICTION -> new PrivacyEvent.RestrictionLifted(requestId, subject, filedAt);
			case RECTIFICATION -> new PrivacyEvent.RectificationRequested(requestId, subject,
					new SubjectRef(newSubjectRef), sealedNewAddress, filedAt);
			case WITHDRAWAL -> new PrivacyEvent.ConsentWithdrawn(requestId, subject, filedAt);
		};
	}

	/**
	 * Gives up on stores silent beyond the timeout, and asks the others again once their backoff has passed (one
	 * emission serves all of them). Nothing new is queued while an emission still waits for Kafka.
	 */
	void askSilentStores(Instant now, LedgerProperties settings) {
		if (!state.isOpen()) {
			return;
		}
		if (stores.settleSilence(now, settings, !outbox.owesEvents())) {
			emit(now);
		}
		finishIfAllAnswered(now, settings);
		settleRelay(now, settings);
	}

	/**
	 * A store that registered while this request is open must answer it too: it is expected from now on and the
	 * request goes out again. False if it is expected already or the request is over.
	 */
	boolean expect(String store, Instant now, LedgerProperties settings) {
		if (!state.isOpen() || state == RequestState.AWAITING_REVIEW || stores.task(store) != null) {
			return false;
		}
		stores.expect(store, now, settings.backoff());
		if (!outbox.owesEvents()) {
			emit(now);
		}
		outbox.lookAt(now);
		return true;
	}

	/**
	 * Records a store's answer: the first one counts, a repeated one changes nothing. A real answer replaces the
	 * ledger's verdict on a store's silence. Sealed data is kept for access requests only.
	 */
	Recorded record(StoreOutcomeReported answer, Instant now, LedgerProperties settings) {
		StoreTask task = stores.task(answer.store());
		if (task == null) {
			return Recorded.UNKNOWN_STORE;
		}
		if (answer.subjectRef() == null || !(answer.subjectRef().value().equals(subjectRef)
				|| answer.subjectRef().value().equals(newSubjectRef))) {
			return Recorded.OTHER_SUBJECT;
		}
		if (task.answered() && !task.answer().silence()) {
			return Recorded.DUPLICATE;
		}
		String sealed = type == RequestType.ACCESS && answer.outcome() == Outcome.EXPORTED
				&& state != RequestState.CANCELLED ? answer.sealedData() : null;
		stores.answer(task, new StoreAnswer(answer.outcome(),
				answer.counts() == null ? Map.of() : Map.copyOf(answer.counts()), answer.reason(), now, sealed, false));
		if (state == RequestState.RECEIVED) {
			state = RequestState.IN_PROGRESS; // the answer overtook the relay's note that the event is out
		}
		if (state.isFinished()) {
			state = stores.verdict();
		}
		finishIfAllAnswered(now, settings);
		if (sealed != null && state.isFinished() && exportExpiresAt == null && exportPurgedAt == null) {
			exportExpiresAt = now.plus(settings.export().retention());
		}
		settleRelay(now, settings);
		return Recorded.RECORDED;
	}

	enum Recorded {
		RECORDED, DUPLICATE, UNKNOWN_STORE, OTHER_SUBJECT
	}

	void extend(int months, String reason, Instant now) {
		if (!state.isOpen()) {
			throw new LedgerConflict(ProblemType.ILLEGAL_STATE_CHANGE, "A " + state + " request cannot be extended.");
		}
		deadline.extend(receivedAt, months, reason, now);
	}

	/** Only an open request; what was not yet sent is not sent, and nothing is asked again. */
	void cancel(String reason, Instant now) {
		if (!state.isOpen()) {
			throw new LedgerConflict(ProblemType.ILLEGAL_STATE_CHANGE, "A " + state + " request cannot be cancelled.");
		}
		if (review != null && review.isOpen()) {
			review = review.decided(false, null, reason, now);
		}
		state = RequestState.CANCELLED;
		cancelledAt = now;
		cancellationReason = reason;
		outbox.dropAll();
		sealedNewAddress = null;
		purgeExport(now);
	}

	/** Kafka has these emissions: the request is in progress. */
	void eventsRelayed(Set<String> eventIds, Instant now, LedgerProperties settings) {
		outbox.eventsRelayed(eventIds);
		if (!eventIds.isEmpty() && state == RequestState.RECEIVED) {
			state = RequestState.IN_PROGRESS;
		}
		settleRelay(now, settings);
	}

	/** The first download starts the export's retention period. */
	void exportDownloaded(Instant now, LedgerProperties settings) {
		if (exportDownloadedAt == null) {
			exportDownloadedAt = now;
			exportExpiresAt = now.plus(settings.export().retention());
		}
	}

	/** Deletes the stores' sealed access data; false if there was none. */
	boolean purgeExport(Instant now) {
		boolean any = stores.purgeSealedData();
		exportExpiresAt = null;
		if (any) {
			exportPurgedAt = now;
		}
		return any;
	}

	private void finishIfAllAnswered(Instant now, LedgerProperties settings) {
		// No store registered yet means the registry is still learning, not that nobody holds data: keep waiting.
		if (!state.isOpen() || !stores.allAnswered()) {
			return;
		}
		state = stores.verdict();
		completedAt = now;
		sealedNewAddress = null;
		outbox.dropAll();
		if (type == RequestType.ACCESS && exportPurgedAt == null) {
			exportExpiresAt = now.plus(settings.export().retention());
		}
	}

	/** Emissions waiting go out now; otherwise the relay comes back at the first store deadline of an open request. */
	private void settleRelay(Instant now, LedgerProperties settings) {
		if (outbox.owesEvents()) {
			outbox.lookAt(now);
			return;
		}
		outbox.lookAt(!state.isOpen() ? null : stores.nextDue(settings.answerTimeout()));
	}

	int extensionMonths() {
		return deadline.extensionMonths();
	}

	boolean isOverdue(Instant now) {
		return state.isOpen() && deadline.isPassed(now);
	}

	List<String> failingStores() {
		return stores.failing();
	}

	String id() {
		return id;
	}

	PrivacyRequestId requestId() {
		return new PrivacyRequestId(id);
	}

	SubjectRef subjectRef() {
		return new SubjectRef(subjectRef);
	}

	RequestType type() {
		return type;
	}

	SubjectNamedBy subjectNamedBy() {
		return subjectNamedBy == null ? SubjectNamedBy.ADDRESS : subjectNamedBy;
	}

	String purpose() {
		return purpose;
	}

	ReceivedVia receivedVia() {
		return receivedVia;
	}

	String note() {
		return note;
	}

	String identityVerifiedBy() {
		return identityVerifiedBy;
	}

	Review review() {
		return review;
	}

	RequestState state() {
		return state;
	}

	Instant receivedAt() {
		return receivedAt;
	}

	Instant filedAt() {
		return filedAt;
	}

	Instant dueAt() {
		return deadline.dueAt();
	}

	List<Extension> extensions() {
		return deadline.extensions();
	}

	Instant completedAt() {
		return completedAt;
	}

	Instant cancelledAt() {
		return cancelledAt;
	}

	String cancellationReason() {
		return cancellationReason;
	}

	List<StoreTask> stores() {
		return stores.list();
	}

	/** The emissions not yet on Kafka and when the relay looks at the request next. */
	Outbox outbox() {
		return outbox;
	}

	boolean hasSealedNewAddress() {
		return sealedNewAddress != null;
	}

	Instant exportDownloadedAt() {
		return exportDownloadedAt;
	}

	Instant exportExpiresAt() {
		return exportExpiresAt;
	}

	Instant exportPurgedAt() {
		return exportPurgedAt;
	}
}
