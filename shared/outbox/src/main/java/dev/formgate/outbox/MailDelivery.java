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
	 * Before each mail of a batch: whether it goes out now. It may wait first (a sender's pace); false stops the batch,
	 * and the mail and those after it stay not sent.
	 */
	@FunctionalInterface
	interface Gate {

		Gate OPEN = next -> true;

		boolean admit(MimeMessage next);
	}

	/**
	 * @param notSent the mails the server did not accept
	 * @param unavailable whether the server could not be reached at all (or its breaker is open), rather than
	 * refusing single mails: then everything waiting for it waits for its return
	 * @param refused those of {@code notSent} the server refused one by one (a recipient it will not take) while it
	 * took others
	 */
	record Delivered(Set<MimeMessage> notSent, boolean unavailable, Set<MimeMessage> refused) {

		public Delivered(Set<MimeMessage> notSent, boolean unavailable) {
			this(notSent, unavailable, Set.of());
		}
	}
}
