package dev.formgate.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * each share is composed on its own connection's thread and sent over that connection, the mails the server accepted
 * marked in their documents with one store command every {@code markEvery} mails and at the share's end. So the events of the next round's documents go out while this round's
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

		/** The server accepted or refused a mail: documents waiting for it may go now. */
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
		InHand<D> inHand = new InHand<>(document, owing.eventIds());
		List<Outgoing<D>> composed = new ArrayList<>();
		for (OwedMail mail : outbox.mails()) {
			Optional<MimeMessage> message = composer.compose(document, mail, now);
			if (message.isPresent()) {
				Outgoing<D> outgoing = new Outgoing<>(inHand, mail, message.get());
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

	/** A composed mail and the document in hand that owes it. */
	private record Outgoing<D>(InHand<D> inHand, OwedMail owed, MimeMessage message) {

		String mailId() {
			return owed.mailId();
		}

		D document() {
			return inHand.document;
		}
	}

	/**
	 * A document in the mail phase, as the relay holds it. Its round's events went out and the copy in hand says so,
	 * but until its first write in the mail phase (with its first mark) the store does not. Once someone else wrote the
	 * document, the copy in hand is stale: every later change goes to a fresh read. Only the thread of the document's
	 * connection touches it.
	 */
	private static final class InHand<D> {

		final D document;
		final Set<String> eventIds;
		boolean written;
		boolean stale;

		InHand(D document, Set<String> eventIds) {
			this.document = document;
			this.eventIds = eventIds;
		}
	}

	/**
	 * One connection's mails. Each mail the server accepted is marked sent in its document, the marks written together
	 * every {@code markEvery} mails and when the batch ends (one store command for all of them); documents with mails
	 * not accepted back off, and wait for the server if it was unreachable.
	 */
	private void sendOver(List<Outgoing<D>> batch, Instant now) {
		Map<MimeMessage, Outgoing<D>> byMessage = new IdentityHashMap<>();
		for (Outgoing<D> mail : batch) {
			byMessage.put(mail.message(), mail);
		}
		List<Outgoing<D>> unmarked = new ArrayList<>();
		MailDelivery.Delivered delivered;
		try {
			delivered = mails.send(batch.stream().map(Outgoing::message).toList(), message -> {
				unmarked.add(byMessage.get(message));
				if (unmarked.size() >= settings.markEvery()) {
					mark(takeAll(unmarked), now);
				}
			});
		}
		finally {
			// also when the batch stopped: what the server accepted is written (a failed write threw, its marks gone)
			mark(takeAll(unmarked), now);
		}
		Map<InHand<D>, Outgoing<D>> failed = new IdentityHashMap<>();
		boolean accepted = false;
		for (Outgoing<D> mail : batch) {
			if (delivered.notSent().contains(mail.message())) {
				failed.putIfAbsent(mail.inHand(), mail);
			}
			else {
				accepted = true;
			}
		}
		for (InHand<D> inHand : failed.keySet()) {
			write(inHand, d -> documents.outbox(d).relayFailed(now, settings.maxBackoff()), now);
			String id = documents.id(inHand.document);
			Instant retry = documents.outbox(inHand.document).due();
			if (delivered.unavailable()) {
				relay.parked(id, now); // tried again by a probe or on the server's return, not on its backoff
			}
			else if (retry != null) {
				relay.wakeUpAt(id, retry);
			}
		}
		if (accepted || !delivered.unavailable()) {
			relay.serverAnswered();
		}
	}

	private static <T> List<T> takeAll(List<T> from) {
		List<T> taken = List.copyOf(from);
		from.clear();
		return taken;
	}

	/**
	 * Marks these accepted mails sent, with one store command for their documents in hand; a document someone wrote
	 * meanwhile (or one the store's answer leaves in doubt) gets its marks on a fresh read instead, with what its events
	 * and composing did if this is its first write.
	 */
	private void mark(List<Outgoing<D>> accepted, Instant now) {
		if (accepted.isEmpty()) {
			return;
		}
		Map<InHand<D>, List<Outgoing<D>>> byDocument = new IdentityHashMap<>();
		List<InHand<D>> inHand = new ArrayList<>();
		for (Outgoing<D> mail : accepted) {
			byDocument.computeIfAbsent(mail.inHand(), document -> {
				inHand.add(document);
				return new ArrayList<>();
			}).add(mail);
		}
		List<InHand<D>> saving = new ArrayList<>();
		for (InHand<D> document : inHand) {
			if (document.stale) {
				writeFresh(document, byDocument.get(document), d -> {
				}, now);
				continue;
			}
			byDocument.get(document).forEach(mail -> documents.outbox(document.document).mailSent(mail.mailId()));
			saving.add(document);
		}
		Set<D> unknown = Collections.newSetFromMap(new IdentityHashMap<>());
		unknown.addAll(documents.saveAll(saving.stream().map(d -> d.document).toList()));
		for (InHand<D> document : saving) {
			if (unknown.contains(document.document)) {
				document.stale = true;
				writeFresh(document, byDocument.get(document), d -> {
				}, now);
			}
			else {
				document.written = true;
			}
		}
	}

	/** Writes a change of the mail phase to the document in hand, or to a fresh copy if someone wrote it meanwhile. */
	private void write(InHand<D> inHand, Consumer<D> change, Instant now) {
		if (!inHand.stale) {
			try {
				change.accept(inHand.document);
				documents.save(inHand.document);
				inHand.written = true;
				return;
			}
			catch (OptimisticLockingFailureException e) {
				inHand.stale = true;
			}
		}
		writeFresh(inHand, List.of(), change, now);
	}

	/**
	 * Applies to a fresh read what the copy in hand holds unwritten: the marks of these accepted mails (as composed on
	 * the copy in hand: what composing changed there, a token, goes along), what the round's events did unless written
	 * already, and the change. Each part does nothing a second time, so it is safe where a write's fate is unknown.
	 */
	private void writeFresh(InHand<D> inHand, List<Outgoing<D>> marks, Consumer<D> change, Instant now) {
		writes.updateFresh(inHand.document, fresh -> {
			for (Outgoing<D> mail : marks) {
				composer.carryOver(inHand.document, fresh, mail.owed());
			}
			if (!inHand.written) {
				documents.eventsRelayed(fresh, inHand.eventIds, now);
			}
			for (Outgoing<D> mail : marks) {
				documents.outbox(fresh).mailSent(mail.mailId());
			}
			change.accept(fresh);
		});
		inHand.written = true;
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
