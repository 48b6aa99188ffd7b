package dev.formgate.newsletter.subscription;

import java.time.Instant;
import java.util.UUID;

/** A mail owed to the subscriber, kept in the document until the SMTP server has accepted it. */
record PendingMail(String mailId, Kind kind, Instant requestedAt) {

	enum Kind {
		CONFIRMATION, WELCOME
	}

	static PendingMail of(Kind kind, Instant at) {
		return new PendingMail(UUID.randomUUID().toString(), kind, at);
	}
}
