package dev.formgate.outbox;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.dao.OptimisticLockingFailureException;

import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the relay writes back the documents of a round: a change goes to the copy in hand, and only if someone wrote the
 * document meanwhile (optimistic lock) is it read again and the same change applied to the fresh copy, so no
 * concurrent change is lost and the common case costs no extra read.
 *
 * @param <D> the document type
 */
final class RelayWrites<D> {

	private final OutboxDocuments<D> documents;

	RelayWrites(OutboxDocuments<D> documents) {
		this.documents = documents;
	}

	/**
	 * Writes the document in hand once its round is done with it; if someone wrote it meanwhile, applies what its
	 * events did to a fresh copy instead. Returns when the relay is to look at it again: now after such a conflict,
	 * its due time if that is still to come, or null.
	 */
	Instant settle(D inHand, Set<String> eventIds, Instant now) {
		try {
			documents.save(inHand);
		}
		catch (OptimisticLockingFailureException e) {
			updateFresh(inHand, fresh -> documents.eventsRelayed(fresh, eventIds, now));
			return now;
		}
		Instant next = documents.outbox(inHand).due();
		return next != null && next.isAfter(now) ? next : null;
	}

	/** Applies the change to a fresh read of the document (if it still exists), for when the copy is stale. */
	void updateFresh(D stale, Consumer<D> change) {
		String id = documents.id(stale);
		Conflicts.retrying(() -> {
			D fresh = documents.findById(id);
			if (fresh != null) {
				change.accept(fresh);
				documents.save(fresh);
			}
		});
	}

	/**
	 * {@code <owed mail id@sender's domain>}: the same on every attempt to send this mail, so the one mail a crash
	 * between the server's accept and the write can repeat carries the same Message-ID twice.
	 */
	static String messageId(String mailId, MimeMessage message) throws MessagingException {
		Address[] from = message.getFrom();
		String domain = "formgate.invalid";
		if (from != null && from.length > 0 && from[0] instanceof InternetAddress address
				&& address.getAddress().contains("@")) {
			domain = address.getAddress().substring(address.getAddress().lastIndexOf('@') + 1);
		}
		return "<" + mailId + "@" + domain + ">";
	}
}
