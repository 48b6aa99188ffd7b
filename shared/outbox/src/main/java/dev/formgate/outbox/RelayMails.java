package dev.formgate.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The relay's mail phase. A round hands over its documents that owe mails, spread over at most
 * {@code mailConnections} shares (each document's mails in one), and goes on with its next round while they are sent:
 * each share is composed on its own connection's thread and sent over that connection, each mail marked in its
 * document the moment the server accepted it. So the events of the next round's documents go out while this round's
 * mails do, and composing is spread over the connections instead of done for a whole round before the first mail.
 * <p>
 * At most {@code mailConnections} shares are on their way at once: a round waits for a free connection before it hands
 * over another share. A document stays with its share until its mails are written: a round that meets it meanwhile
 * (a wake-up, the sweep) leaves it, and it is looked at again once its share is done, so no two threads ever touch a
 * document and no mail goes out twice from one instance.
 *
 * @param <D> the document type
 */
final class RelayMails<D> {

	private static final Logger log = LoggerFactory.getLogger(RelayMails.class);

	/** What the mail phase asks of its relay: when to look at a document again, and waiting for the server. */
	interface Relay {

		void wakeUp(String id);

		void wakeUpAt(String id, Instant at);

		/** The server could not be reached for this document's mails. */
		void parked(String id, Instant now);

		/** The server accepted a mail: documents waiting for it may go now. */
		void serverAnswered();
	}

	/** A document that owes mails, in hand, with the events of its round that are not written yet. */
	record Owing<D>(D document, Set<String> eventIds) {
	}

	private final String name;
	private final OutboxDocuments<D> documents;
	private final RelayWrites<D> writes;
	private final MailComposer<D> composer;
	private final MailDelivery mails;
	private final RelaySettings settings;
	private final Clock clock;
	private final Relay relay;
	private volatile Lanes lanes;

	RelayMails(String name, OutboxDocuments<D> documents, MailComposer<D> composer, MailDelivery mails,
			RelaySettings settings, Clock clock, Relay relay) {
		this.name = name;
		this.documents = documents;
		this.writes = new RelayWrites<>(documents);
		this.composer = composer;
		this.mails = mails;
		this.settings = settings;
		this.clock = clock;
		this.relay = relay;
		this.lanes = new Lanes(name, settings.mailConnections());
	}

	/**
	 * Whether this document's mails are on their way; if so, it is looked at again once they are written (a round
	 * must leave it alone meanwhile).
	 */
	boolean isSending(String id) {
		return lanes.sending.computeIfPresent(id, (key, again) -> true) != null;
	}

	/**
	 * Hands these documents' mails to the connections; returns once each share has a connection (waiting for one
	 * while all are busy), not when the mails are out. The futures complete when they are.
	 */
	List<Future<?>> hand(List<Owing<D>> owing, Instant now) throws InterruptedException {
		if (owing.isEmpty()) {
			return List.of();
		}
		Lanes current = lanes;
		for (Owing<D> document : owing) {
			current.sending.put(documents.id(document.document()), false);
		}
		List<Future<?>> shares = new ArrayList<>();
		List<List<Owing<D>>> byConnection = byConnection(owing);
		for (int i = 0; i < byConnection.size(); i++) {
			List<Owing<D>> share = byConnection.get(i);
			try {
				current.connections.acquire();
			}
			catch (InterruptedException e) {
				byConnection.subList(i, byConnection.size()).forEach(rest -> rest.forEach(o -> done(current, o)));
				throw e;
			}
			try {
				shares.add(current.executor.submit(() -> {
					try {
						send(share, now);
					}
					finally {
						current.connections.release();
						share.forEach(o -> done(current, o));
					}
				}));
			}
			catch (RuntimeException e) { // stopped meanwhile
				current.connections.release();
				byConnection.subList(i, byConnection.size()).forEach(rest -> rest.forEach(o -> done(current, o)));
				throw e;
			}
		}
		return shares;
	}

	/** Stops like a crash would: shares on their way are cut off, the documents still say what they owe. */
	void stop() {
		Lanes stopped = lanes;
		lanes = new Lanes(name, settings.mailConnections());
		stopped.executor.shutdownNow();
		try {
			stopped.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void done(Lanes of, Owing<D> owing) {
		String id = documents.id(owing.document());
		if (Boolean.TRUE.equals(of.sending.remove(id))) {
			relay.wakeUp(id);
		}
	}

	/**
	 * One connection's share: composed here, then sent. A failure of the store or of composing (a round's failure
	 * before) brings the share's documents back after a poll interval; what went out is written already.
	 */
	private void send(List<Owing<D>> share, Instant now) {
		try {
			List<Outgoing<D>> outgoing = new ArrayList<>();
			for (Owing<D> owing : share) {
				outgoing.addAll(compose(owing, now));
			}
			if (!outgoing.isEmpty()) {
				sendOver(outgoing, now);
			}
		}
		catch (RuntimeException | LinkageError e) {
			if (Thread.currentThread().isInterrupted()) {
				return; // stopped
			}
			log.warn("{}: mails of {} documents not sent ({}), retrying", name, share.size(),
					e.getClass().getSimpleName());
			Instant retry = clock.instant().plus(settings.pollInterval());
			share.forEach(o -> relay.wakeUpAt(documents.id(o.document()), retry));
		}
	}

	/**
	 * The document's mails as they go out now; one that no longer fits is dropped. If none is left to send, the
	 * document is written here with what its round's events did.
	 */
	private List<Outgoing<D>> compose(Owing<D> owing, Instant now) {
		D document = owing.document();
		Outbox outbox = documents.outbox(document);
		Unsaved unsaved = new Unsaved(owing.eventIds());
		List<Outgoing<D>> composed = new ArrayList<>();
		for (OwedMail mail : outbox.mails()) {
			Optional<MimeMessage> message = composer.compose(document, mail, now);
			if (message.isPresent()) {
				Outgoing<D> outgoing = new Outgoing<>(document, mail, message.get(), unsaved);
				setMessageId(outgoing);
				composed.add(outgoing);
			}
			else {
				outbox.mailSent(mail.mailId());
			}
		}
		if (composed.isEmpty()) {
			Instant again = writes.settle(document, owing.eventIds(), now);
			if (again != null) {
				relay.wakeUpAt(documents.id(document), again);
			}
		}
		return composed;
	}

	/** A composed mail, the document in hand that owes it, and what of the round that document has not written. */
	private record Outgoing<D>(D document, OwedMail owed, MimeMessage message, Unsaved unsaved) {

		String mailId() {
			return owed.mailId();
		}
	}

	/**
	 * The events of a document that owes mails went out, and the copy in hand says so, but it is not written yet: its
	 * first write in the mail phase says it too. Only the thread of the document's connection touches it.
	 */
	private static final class Unsaved {

		private final Set<String> eventIds;
		private boolean written;

		Unsaved(Set<String> eventIds) {
			this.eventIds = eventIds;
		}
	}

	/**
	 * Writes a change of the mail phase to the document in hand; if someone wrote the document meanwhile, applies it to
	 * a fresh copy, together with what the round's events did if the document was not written since they went out.
	 */
	private void write(Outgoing<D> mail, Consumer<D> change, Instant now) {
		Unsaved unsaved = mail.unsaved();
		if (unsaved.written) {
			writes.update(mail.document(), change);
			return;
		}
		writes.update(mail.document(), change, fresh -> {
			// the mail went out as composed on the copy in hand: what composing changed there (a token) goes along
			composer.carryOver(mail.document(), fresh, mail.owed());
			documents.eventsRelayed(fresh, unsaved.eventIds, now);
			change.accept(fresh);
		});
		unsaved.written = true;
	}

	/**
	 * One connection's mails, each marked sent in its document as soon as the server accepted it; documents with mails
	 * not accepted back off, and wait for the server if it was unreachable.
	 */
	private void sendOver(List<Outgoing<D>> batch, Instant now) {
		Map<MimeMessage, Outgoing<D>> byMessage = new IdentityHashMap<>();
		for (Outgoing<D> mail : batch) {
			byMessage.put(mail.message(), mail);
		}
		boolean[] accepted = new boolean[1];
		MailDelivery.Delivered delivered = mails.send(batch.stream().map(Outgoing::message).toList(), message -> {
			Outgoing<D> mail = byMessage.get(message);
			write(mail, d -> documents.outbox(d).mailSent(mail.mailId()), now);
			accepted[0] = true;
		});
		Map<D, Outgoing<D>> failed = new IdentityHashMap<>();
		for (Outgoing<D> mail : batch) {
			if (delivered.notSent().contains(mail.message())) {
				failed.putIfAbsent(mail.document(), mail);
			}
		}
		for (Outgoing<D> mail : failed.values()) {
			D document = mail.document();
			write(mail, d -> documents.outbox(d).relayFailed(now, settings.maxBackoff()), now);
			String id = documents.id(document);
			Instant retry = documents.outbox(document).due();
			if (retry != null) {
				relay.wakeUpAt(id, retry);
			}
			if (delivered.unavailable()) {
				relay.parked(id, now);
			}
		}
		if (accepted[0]) {
			relay.serverAnswered();
		}
	}

	/** Spreads the documents over connections with about equal numbers of mails, each document's mails on one. */
	private List<List<Owing<D>>> byConnection(List<Owing<D>> owing) {
		int mailCount = 0;
		for (Owing<D> document : owing) {
			mailCount += mailsOf(document);
		}
		int connections = Math.min(settings.mailConnections(), owing.size());
		int perConnection = (mailCount + connections - 1) / connections;
		List<List<Owing<D>>> shares = new ArrayList<>();
		List<Owing<D>> current = new ArrayList<>();
		int inCurrent = 0;
		for (Owing<D> document : owing) {
			int mails = mailsOf(document);
			if (!current.isEmpty() && inCurrent + mails > perConnection && shares.size() < connections - 1) {
				shares.add(current);
				current = new ArrayList<>();
				inCurrent = 0;
			}
			current.add(document);
			inCurrent += mails;
		}
		shares.add(current);
		return shares;
	}

	private int mailsOf(Owing<D> owing) {
		return Math.max(1, documents.outbox(owing.document()).mails().size());
	}

	private static void setMessageId(Outgoing<?> mail) {
		try {
			mail.message().setHeader("Message-ID", RelayWrites.messageId(mail.mailId(), mail.message()));
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot set the Message-ID", e);
		}
	}

	/**
	 * The connections of one run of the relay (from start to stop): a thread and a permit per connection, and the
	 * documents whose mails are on their way (true: look at it again once they are written). Platform threads, idle
	 * ones ending after a while: a connection blocks in socket reads inside Jakarta Mail's synchronized methods, and
	 * under load the system schedules them beside the request threads rather than behind them.
	 */
	private static final class Lanes {

		final ThreadPoolExecutor executor;
		final Semaphore connections;
		final Map<String, Boolean> sending = new ConcurrentHashMap<>();

		Lanes(String name, int connections) {
			this.executor = new ThreadPoolExecutor(connections, connections, 30, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), Thread.ofPlatform().name(name + "-mail-", 1).daemon().factory());
			this.executor.allowCoreThreadTimeOut(true);
			this.connections = new Semaphore(connections);
		}
	}
}
