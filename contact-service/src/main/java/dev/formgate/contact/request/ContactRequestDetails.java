package dev.formgate.contact.request;

import java.time.Instant;
import java.util.List;

/**
 * What staff see of a request. Carries personal data: for the staff API only, never for logs or events.
 *
 * @param restriction the sender's restriction of processing (Art. 18 GDPR), null when there is none
 */
public record ContactRequestDetails(String id, String topic, ContactRequestState state, boolean overdue,
		String name, String email, String subject, String message, String language, Instant receivedAt,
		Instant lastChangedAt, Instant closedAt, LegalHold legalHold, List<Note> notes,
		ProcessingRestriction restriction) {

	/** @param restrictedSince since when the sender is restricted, null when not */
	static ContactRequestDetails of(ContactRequest r, Instant overdueBefore, Instant restrictedSince) {
		return new ContactRequestDetails(r.id(), r.topic(), r.state(), r.isOverdue(overdueBefore), r.name(),
				r.email(), r.subject(), r.message(), r.language(), r.receivedAt(), r.lastChangedAt(), r.closedAt(),
				r.legalHold(), r.notes(), ProcessingRestriction.of(r, restrictedSince));
	}
}
