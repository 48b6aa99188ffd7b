package dev.formgate.outbox;

import jakarta.mail.internet.MimeMessage;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

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
	 * Sends a round's mails over one connection (the sender returns those not accepted), then marks each mail sent in
	 * its document or has the document retry later.
	 */
	public void send(List<OutgoingMail<D>> outgoing, Function<List<MimeMessage>, Set<MimeMessage>> sender,
			BiConsumer<D, String> sent, Consumer<D> retryLater) {
		if (outgoing.isEmpty()) {
			return;
		}
		Set<MimeMessage> failed = sender.apply(outgoing.stream().map(OutgoingMail::message).toList());
		for (OutgoingMail<D> mail : outgoing) {
			if (failed.contains(mail.message())) {
				update(mail.document(), retryLater);
			}
			else {
				update(mail.document(), d -> sent.accept(d, mail.mailId()));
			}
		}
	}

	/** A composed mail and the document, as last persisted by the relay, that owes it. */
	public record OutgoingMail<D>(D document, String mailId, MimeMessage message) {
	}
}
