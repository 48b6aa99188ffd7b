package dev.formgate.events;

import java.time.Instant;

/**
 * Facts published by contact-service on {@link Topics#CONTACT_EVENTS}, keyed by {@link #subjectRef()}. None of them
 * carries the sender's address, name, subject or message.
 */
public sealed interface ContactEvent {

	SubjectRef subjectRef();

	ContactRequestId requestId();

	String topic();

	Instant occurredAt();

	/** A contact request was stored; staff are being notified. */
	record ContactRequestReceived(SubjectRef subjectRef, ContactRequestId requestId, String topic, Instant occurredAt)
			implements ContactEvent {
	}

	/** Staff finished the request; the retention period for closed requests starts now. */
	record ContactRequestClosed(SubjectRef subjectRef, ContactRequestId requestId, String topic, Instant occurredAt)
			implements ContactEvent {
	}

	/** The retention policy deleted the request and all personal data in it. */
	record ContactRequestPurged(SubjectRef subjectRef, ContactRequestId requestId, String topic, Instant occurredAt)
			implements ContactEvent {
	}
}
