package dev.formgate.contact.request;

import java.time.Instant;
import java.util.List;

/**
 * Everything contact-service holds about one sender (Art. 15/20): personal data, for the sealed access export only.
 * Staff notes appear by their existence and time, not their text or author: they are staff's working notes that may
 * name third parties and staff members (Art. 15(4) GDPR); the privacy officer reads them through the staff API and
 * adds to the answer what may be disclosed. A legal hold appears by its time, not the staff's free-text reason.
 */
public record SubjectExport(List<RequestData> requests, Instant restrictedSince) {

	/** One request as the sender sent it, and where it stands. */
	public record RequestData(String reference, String topic, String language, String name, String email,
			String subject, String message, String state, Instant receivedAt, Instant lastChangedAt, Instant closedAt,
			Instant legalHoldSince, List<Instant> staffNotesWrittenAt) {

		static RequestData of(ContactRequest r) {
			return new RequestData(r.id(), r.topic(), r.language(), r.name(), r.email(), r.subject(), r.message(),
					r.state().name(), r.receivedAt(), r.lastChangedAt(), r.closedAt(),
					r.legalHold() == null ? null : r.legalHold().since(), r.notes().stream().map(Note::at).toList());
		}
	}
}
