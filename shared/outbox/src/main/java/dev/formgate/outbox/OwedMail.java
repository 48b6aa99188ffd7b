package dev.formgate.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A mail owed because of a state change, kept in the document until the SMTP server has accepted it. Only its kind is
 * stored: the owner composes it when it goes out (and may find it no longer fits, then it is dropped). Its id names
 * the mail on every attempt: the Message-ID is derived from it, so a repeat is recognisable.
 *
 * @param kind the owner's name for the mail, e.g. {@code CONFIRMATION}
 */
public record OwedMail(String mailId, String kind, Instant requestedAt) {

	public static OwedMail of(Enum<?> kind, Instant at) {
		return new OwedMail(UUID.randomUUID().toString(), kind.name(), at);
	}

	/** The owner's kind, e.g. {@code mail.kind(Kind.class)}. */
	public <E extends Enum<E>> E kind(Class<E> kinds) {
		return Enum.valueOf(kinds, kind);
	}
}
