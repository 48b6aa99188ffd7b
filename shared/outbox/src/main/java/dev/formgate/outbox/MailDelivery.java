package dev.formgate.outbox;

import jakarta.mail.internet.MimeMessage;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Hands mails to the SMTP server, reporting each the moment the server accepted it. */
@FunctionalInterface
public interface MailDelivery {

	/**
	 * Sends the mails in order over one connection and calls {@code accepted} for each right after the server took
	 * it. If {@code accepted} throws, no further mail goes out and the exception is rethrown.
	 */
	Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted);

	/**
	 * @param notSent the mails the server did not accept
	 * @param unavailable whether the server could not be reached at all (or its breaker is open), rather than
	 * refusing single mails: then everything waiting for it waits for its return
	 */
	record Delivered(Set<MimeMessage> notSent, boolean unavailable) {
	}
}
