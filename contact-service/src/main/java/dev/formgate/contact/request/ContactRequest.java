package dev.formgate.contact.request;

import dev.formgate.events.ContactEvent;
import dev.formgate.events.ContactRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxEvent;
import dev.formgate.outbox.OwedMail;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One contact request. The document carries its own outbox (events and mails not yet handed on), so a state change
 * and the duty to announce it are written in one atomic single-document update.
 */
@Document("contact_requests")
@CompoundIndex(name = "state_received", def = "{'state': 1, 'receivedAt': 1}")
@CompoundIndex(name = "state_closed", def = "{'state': 1, 'closedAt': 1}")
class ContactRequest {

	@Id
	private String id;

	@Version
	private Long version;

	/** Finds the requests of one data subject (erasure, access) without storing the address twice. */
	@Indexed
	private String subjectRef;

	private String topic;

	private String language;

	// Personal data, needed to answer: removed when the request is purged.
	private String name;

	private String email;

	private String subject;

	private String message;

	private List<Note> notes = new ArrayList<>();

	private ContactRequestState state;

	private Instant receivedAt;

	private Instant lastChangedAt;

	private Instant closedAt;

	private LegalHold legalHold;

	/** Set when retention removed the personal data; the document itself goes once its event is relayed. */
	private Instant purgedAt;

	@Unwrapped.Empty
	private Outbox outbox = new Outbox();

	/** The mails a request owes. */
	enum Mail {
		/** To the topic's staff inbox, with the message and the sender as Reply-To. */
		STAFF_NOTIFICATION,
		/** To the sender: a fixed text and the reference number, nothing the sender wrote. */
		ACKNOWLEDGEMENT
	}

	protected ContactRequest() {
	}

	static ContactRequest received(NewContactRequest request, SubjectRef subjectRef, boolean acknowledge,
			Instant now) {
		ContactRequest r = new ContactRequest();
		r.id = UUID.randomUUID().toString();
		r.subjectRef = subjectRef.value();
		r.topic = request.topic();
		r.language = request.language();
		r.name = request.name();
		r.email = request.email();
		r.subject = request.subject();
		r.message = request.message();
		r.state = ContactRequestState.RECEIVED;
		r.receivedAt = now;
		r.lastChangedAt = now;
		r.record(new ContactEvent.ContactRequestReceived(subjectRef, r.requestId(), r.topic, now), now);
		r.outbox.owe(OwedMail.of(Mail.STAFF_NOTIFICATION, now), now);
		if (acknowledge) {
			r.outbox.owe(OwedMail.of(Mail.ACKNOWLEDGEMENT, now), now);
		}
		return r;
	}

	/** Moves along the workflow; false if the request is already there (a repeated call changes nothing). */
	boolean moveTo(ContactRequestState next, Instant now) {
		if (next == state) {
			return false;
		}
		if (!state.canMoveTo(next)) {
			throw new IllegalStateChange(state, next);
		}
		state = next;
		lastChangedAt = now;
		if (next == ContactRequestState.CLOSED) {
			closedAt = now;
			record(new ContactEvent.ContactRequestClosed(subjectRef(), requestId(), topic, now), now);
		}
		else {
			closedAt = null;
		}
		return true;
	}

	void addNote(String text, String author, Instant now) {
		notes.add(new Note(UUID.randomUUID().toString(), now, author, text));
		lastChangedAt = now;
	}

	void holdLegally(String reason, String by, Instant now) {
		legalHold = new LegalHold(reason, now, by);
		lastChangedAt = now;
	}

	/** False if there was no hold. */
	boolean releaseLegalHold(Instant now) {
		if (legalHold == null) {
			return false;
		}
		legalHold = null;
		lastChangedAt = now;
		return true;
	}

	boolean isDueForPurge(Instant closedBefore) {
		return purgedAt == null && state == ContactRequestState.CLOSED && closedAt != null
				&& closedAt.isBefore(closedBefore) && legalHold == null;
	}

	/** Retention: all personal data goes now; the document follows once the purge event is relayed. */
	void purge(Instant now) {
		name = null;
		email = null;
		subject = null;
		message = null;
		notes.clear();
		outbox.dropMails(m -> true);
		purgedAt = now;
		record(new ContactEvent.ContactRequestPurged(subjectRef(), requestId(), topic, now), now);
	}

	/** The event as it describes this change, keyed by the sender as they are now. */
	private void record(ContactEvent event, Instant now) {
		outbox.record(OutboxEvent.of(subjectRef, event, now), now);
	}

	/**
	 * The restriction (Art. 18) is lifted: owed mails (staff notification, acknowledgement), held meanwhile, are due
	 * now. False if none were held.
	 */
	boolean releaseMails(Instant now) {
		return outbox.releaseMails(now);
	}

	/** Art. 16: the sender's address was corrected; the request follows the subject to the new reference. */
	void rectify(SubjectRef newSubjectRef, String newEmail, Instant now) {
		subjectRef = newSubjectRef.value();
		email = newEmail;
		lastChangedAt = now;
	}

	/**
	 * Whether a restriction of the sender's processing that took effect at {@code since} covers this request: only
	 * what was received before it. A request the person sends while restricted is their consent to process it (Art.
	 * 18(2) GDPR): acknowledged, notified and worked on as any other (docs/privacy.md, "Restriction").
	 */
	boolean isRestrictedBy(Instant since) {
		return since != null && receivedAt.isBefore(since);
	}

	/** The kinds of mail the request still owes (held while it is restricted). */
	List<String> owedMails() {
		return outbox.mails().stream().map(OwedMail::kind).toList();
	}

	boolean isPurged() {
		return purgedAt != null;
	}

	boolean isGoneOnceRelayed() {
		return purgedAt != null && !outbox.owesEvents();
	}

	boolean isOverdue(Instant receivedBefore) {
		return state.isOpen() && receivedAt.isBefore(receivedBefore);
	}

	String id() {
		return id;
	}

	ContactRequestId requestId() {
		return new ContactRequestId(id);
	}

	SubjectRef subjectRef() {
		return new SubjectRef(subjectRef);
	}

	String topic() {
		return topic;
	}

	String language() {
		return language;
	}

	String name() {
		return name;
	}

	String email() {
		return email;
	}

	String subject() {
		return subject;
	}

	String message() {
		return message;
	}

	List<Note> notes() {
		return List.copyOf(notes);
	}

	ContactRequestState state() {
		return state;
	}

	Instant receivedAt() {
		return receivedAt;
	}

	Instant lastChangedAt() {
		return lastChangedAt;
	}

	Instant closedAt() {
		return closedAt;
	}

	LegalHold legalHold() {
		return legalHold;
	}

	/** What the request still owes Kafka, staff and the sender; the relay and the owner's changes work through it. */
	Outbox outbox() {
		return outbox;
	}
}
