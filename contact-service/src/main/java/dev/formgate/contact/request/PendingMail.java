package dev.formgate.contact.request;

import java.time.Instant;
import java.util.UUID;

/** A mail owed because of this request, kept in the document until the SMTP server has accepted it. */
record PendingMail(String mailId, Kind kind, Instant requestedAt) {

	enum Kind {
		/** To the topic's staff inbox, with the message and the sender as Reply-To. */
		STAFF_NOTIFICATION,
		/** To the sender: a fixed text and the reference number, nothing the sender wrote. */
		ACKNOWLEDGEMENT
	}

	static PendingMail of(Kind kind, Instant at) {
		return new PendingMail(UUID.randomUUID().toString(), kind, at);
	}
}
