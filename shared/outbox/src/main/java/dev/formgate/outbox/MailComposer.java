package dev.formgate.outbox;

import jakarta.mail.internet.MimeMessage;

import java.time.Instant;
import java.util.Optional;

/**
 * Composes an owed mail when it goes out, from the document as it is then (the address may have been corrected, the
 * subscription confirmed meanwhile).
 *
 * @param <D> the document type
 */
@FunctionalInterface
public interface MailComposer<D> {

	/**
	 * The mail as it goes out now, or empty if it no longer fits the document: it is dropped, not sent. May change the
	 * document (issue a token, say); the relay saves the document before the mail goes out.
	 */
	Optional<MimeMessage> compose(D document, OwedMail mail, Instant now);

	/**
	 * Someone wrote the document between {@link #compose} and the relay's first write of it: carries what composing
	 * changed in the copy it composed on over to the fresh copy the relay writes instead, since the mail went out as
	 * composed there (the hash of the token it carries, say). A composer that changes nothing needs nothing here.
	 */
	default void carryOver(D composed, D fresh, OwedMail mail) {
	}
}
