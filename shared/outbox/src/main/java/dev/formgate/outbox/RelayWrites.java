package dev.formgate.outbox;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * How a relay writes back the documents of a round: a change goes to the copy in hand, and only if someone wrote the
 * document meanwhile (optimistic lock) is it read again and the same change applied to the fresh copy, so no
 * concurrent change is lost and the common case costs no extra read.
 *
 * @param <D> the document type
 */
public final class RelayWrites<D> {

	private final Consumer<D> persist;
	private final BiConsumer<D, Consumer<D>> onFresh;

	/**
	 * @param persist saves a copy; throws {@link OptimisticLockingFailureException} if it is stale
	 * @param onFresh reads the given copy's document again and, if it still exists, applies the change and saves it
	 */
	public RelayWrites(Consumer<D> persist, BiConsumer<D, Consumer<D>> onFresh) {
		this.persist = persist;
		this.onFresh = onFresh;
	}

	/** Applies the change to the copy in hand; reads the document again only if someone wrote it meanwhile. */
	public void update(D inHand, Consumer<D> change) {
		try {
			change.accept(inHand);
			persist.accept(inHand);
		}
		catch (OptimisticLockingFailureException e) {
			onFresh.accept(inHand, change);
		}
	}

	/** Applies the change to a fresh read of the document, for when the copy in hand is known to be stale. */
	public void updateFresh(D stale, Consumer<D> change) {
		onFresh.accept(stale, change);
	}

	/**
	 * Sends a round's mails over one connection and marks each mail sent in its document as soon as the server
	 * accepted it (the sender calls back per mail and returns those not accepted); documents with mails not accepted
	 * retry later. Each mail's Message-ID is derived from its outbox entry, so the one mail a crash between accept and
	 * mark can repeat carries the same Message-ID twice and is recognisable as a duplicate.
	 */
	public void send(List<OutgoingMail<D>> outgoing,
			BiFunction<List<MimeMessage>, Consumer<MimeMessage>, Set<MimeMessage>> sender, BiConsumer<D, String> sent,
			Consumer<D> retryLater) {
		if (outgoing.isEmpty()) {
			return;
		}
		Map<MimeMessage, OutgoingMail<D>> byMessage = new IdentityHashMap<>();
		for (OutgoingMail<D> mail : outgoing) {
			setMessageId(mail);
			byMessage.put(mail.message(), mail);
		}
		Set<MimeMessage> failed = sender.apply(outgoing.stream().map(OutgoingMail::message).toList(), message -> {
			OutgoingMail<D> mail = byMessage.get(message);
			update(mail.document(), d -> sent.accept(d, mail.mailId()));
		});
		for (OutgoingMail<D> mail : outgoing) {
			if (failed.contains(mail.message())) {
				update(mail.document(), retryLater);
			}
		}
	}

	/** {@code <outbox entry id@sender's domain>}: the same on every attempt to send this entry. */
	static String messageId(String mailId, MimeMessage message) throws MessagingException {
		Address[] from = message.getFrom();
		String domain = "formgate.invalid";
		if (from != null && from.length > 0 && from[0] instanceof InternetAddress address
				&& address.getAddress().contains("@")) {
			domain = address.getAddress().substring(address.getAddress().lastIndexOf('@') + 1);
		}
		return "<" + mailId + "@" + domain + ">";
	}

	private static void setMessageId(OutgoingMail<?> mail) {
		try {
			mail.message().setHeader("Message-ID", messageId(mail.mailId(), mail.message()));
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot set the Message-ID", e);
		}
	}

	/** A composed mail and the document, as last persisted by the relay, that owes it. */
	public record OutgoingMail<D>(D document, String mailId, MimeMessage message) {
	}
}
