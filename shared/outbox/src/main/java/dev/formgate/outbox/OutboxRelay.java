package dev.formgate.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hands what documents owe to the outside world: their recorded events to Kafka, their mails to SMTP. An entry leaves
 * the document only after Kafka or the SMTP server accepted it, so a crash at any point loses nothing; it may repeat
 * an event (same id, consumers drop it) or, if it dies between SMTP's accept and the write, the mails in flight (the
 * same Message-ID, at most one per connection).
 * <p>
 * One round takes a batch of due documents: their events go out together (each document's in order, documents in
 * parallel, all awaited before anything is written), then their mails, spread over a few SMTP connections (each
 * document's mails on one), each marked sent the moment the server accepted it. A document that owes mails is written
 * once its first mail is accepted (or refused), with what its events did: one write for the events and the mail
 * rather than two, so a crash before it sends that round's events again with the mail in flight. When Kafka or SMTP cannot be reached,
 * the documents waiting for it are parked: one of them is tried every probe interval, and the first success releases
 * them all, so owed work goes out within seconds of the dependency's return rather than after every document's backoff.
 *
 * @param <D> the document type
 */
public final class OutboxRelay<D> extends ScheduledRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final String name;
	private final OutboxDocuments<D> documents;
	private final Clock clock;
	private final RelaySettings settings;
	private final EventSender events;
	private final MailComposer<D> composer;
	private final MailDelivery mails;
	private final Function<List<D>, Set<String>> heldMails;
	private final RelayWrites<D> writes;
	private final OutboxScheduler scheduler;
	private final Parking eventsParked;
	private final Parking mailsParked;
	/** Ids to relay in their next round although their stored due time has not come: probes and released ones. */
	private final Set<String> forced = ConcurrentHashMap.newKeySet();

	private OutboxRelay(Builder<D> builder) {
		this.name = builder.name;
		this.documents = builder.documents;
		this.clock = builder.clock;
		this.settings = builder.settings;
		this.events = builder.events;
		this.composer = builder.composer;
		this.mails = builder.mails;
		this.heldMails = builder.heldMails;
		this.writes = new RelayWrites<>(documents);
		this.eventsParked = new Parking(settings.probeInterval().toMillis());
		this.mailsParked = new Parking(settings.probeInterval().toMillis());
		this.scheduler = new OutboxScheduler(name, clock, settings.scheduler(),
				now -> documents.dueBy(now, settings.sweepPage()), this::relay, this::probe);
	}

	/**
	 * @param name the relay's thread name, e.g. {@code subscription-relay}
	 * @param events where recorded events go
	 */
	public static <D> Builder<D> builder(String name, OutboxDocuments<D> documents, EventSender events, Clock clock,
			RelaySettings settings) {
		return new Builder<>(name, documents, events, clock, settings);
	}

	/** This document owes something now: relay it without waiting for the next sweep. */
	public void wakeUp(String id) {
		scheduler.wakeUp(id);
	}

	@Override
	protected OutboxScheduler scheduler() {
		return scheduler;
	}

	/** Runs a round over these documents on the caller's thread, as the worker would (for tests of the rules). */
	void relayNow(Set<String> ids) {
		relay(ids);
	}

	/** Whether documents wait for Kafka or SMTP to come back. */
	boolean waitsForADependency() {
		return !eventsParked.isEmpty() || !mailsParked.isEmpty();
	}

	private void probe() {
		long now = clock.millis();
		for (Parking parking : List.of(eventsParked, mailsParked)) {
			String probe = parking.probe(now);
			if (probe != null) {
				forced.add(probe);
				scheduler.wakeUp(probe);
			}
		}
	}

	private void release(Parking parking) {
		for (String id : parking.release()) {
			forced.add(id);
			scheduler.wakeUp(id);
		}
	}

	private void relay(Set<String> ids) {
		Instant now = clock.instant();
		Set<String> force = new HashSet<>();
		for (String id : ids) {
			if (forced.remove(id)) {
				force.add(id);
			}
		}
		List<D> due = new ArrayList<>();
		for (D document : documents.findAll(ids)) {
			String id = documents.id(document);
			Instant at = documents.outbox(document).due();
			if (at == null) {
				continue;
			}
			if (at.isAfter(now) && !force.contains(id)) {
				scheduler.wakeUpAt(id, at);
				continue;
			}
			due.add(document);
		}
		if (due.isEmpty()) {
			return;
		}
		for (D document : due) {
			if (documents.outbox(document).hasLegacyEvents()) {
				documents.upgrade(document);
			}
			documents.relaying(document, now);
		}
		Map<D, Published> published = publish(due);
		Set<String> held = heldMails.apply(due.stream().filter(d -> documents.outbox(d).owesMails()).toList());
		List<Outgoing<D>> outgoing = new ArrayList<>();
		for (D document : due) {
			outgoing.addAll(settle(document, published.get(document), held, now));
		}
		if (published.values().stream().anyMatch(p -> !p.eventIds().isEmpty())) {
			release(eventsParked);
		}
		send(outgoing, now);
	}

	/**
	 * Records what went out, and composes the document's mails unless its events failed (they go first) or its mails
	 * are held. Writes the document once, unless mails go out: then the write of its first mail carries what its
	 * events did ({@link Unsaved}). Only if someone wrote it meanwhile is what already happened (the events sent)
	 * applied to a fresh copy, and its mails wait for the next round.
	 */
	private List<Outgoing<D>> settle(D document, Published published, Set<String> held, Instant now) {
		String id = documents.id(document);
		Outbox outbox = documents.outbox(document);
		documents.eventsRelayed(document, published.eventIds(), now);
		List<Outgoing<D>> prepared = new ArrayList<>();
		Unsaved unsaved = new Unsaved(published.eventIds());
		if (published.failed()) {
			outbox.relayFailed(now, settings.maxBackoff());
			eventsParked.park(id, now.toEpochMilli());
		}
		else if (outbox.owesMails() && composer != null) {
			if (held.contains(id)) {
				outbox.holdMails();
			}
			else {
				for (OwedMail mail : outbox.mails()) {
					Optional<MimeMessage> message = composer.compose(document, mail, now);
					if (message.isPresent()) {
						prepared.add(new Outgoing<>(document, mail.mailId(), message.get(), unsaved));
					}
					else {
						outbox.mailSent(mail.mailId());
					}
				}
			}
		}
		if (!prepared.isEmpty()) {
			return prepared;
		}
		try {
			documents.save(document);
		}
		catch (OptimisticLockingFailureException e) {
			writes.updateFresh(document, fresh -> documents.eventsRelayed(fresh, published.eventIds(), now));
			scheduler.wakeUp(id);
			return List.of();
		}
		Instant next = outbox.due();
		if (next != null && next.isAfter(now)) {
			scheduler.wakeUpAt(id, next);
		}
		return prepared;
	}

	/** What went out of one document: the events Kafka acknowledged, and whether one failed (the rest waited). */
	private record Published(Set<String> eventIds, boolean failed) {
	}

	/** Each document's events in order, the documents in parallel; all awaited before anything is written. */
	private Map<D, Published> publish(List<D> due) {
		Map<D, Published> published = new IdentityHashMap<>();
		List<D> owing = due.stream().filter(d -> documents.outbox(d).owesEvents()).toList();
		for (D document : due) {
			published.put(document, new Published(Set.of(), false));
		}
		if (owing.size() == 1) {
			published.put(owing.get(0), publish(owing.get(0)));
		}
		else if (!owing.isEmpty()) {
			try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
				Map<D, Future<Published>> sending = new IdentityHashMap<>();
				for (D document : owing) {
					sending.put(document, parallel.submit(() -> publish(document)));
				}
				for (var entry : sending.entrySet()) {
					published.put(entry.getKey(), result(entry.getValue()));
				}
			}
		}
		long failed = published.values().stream().filter(Published::failed).count();
		if (failed > 0) {
			log.warn("{}: events of {} of {} documents not acknowledged by Kafka, will retry", name, failed,
					owing.size());
		}
		return published;
	}

	private Published publish(D document) {
		Set<String> sent = new HashSet<>();
		for (OutboxEvent event : documents.outbox(document).events()) {
			try {
				events.send(event);
				sent.add(event.eventId());
			}
			catch (RuntimeException e) {
				return new Published(sent, true);
			}
		}
		return new Published(sent, false);
	}

	private static Published result(Future<Published> future) {
		try {
			return future.get();
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while events were sent", e);
		}
	}

	/** A composed mail, the document in hand that owes it, and what of the round that document has not written. */
	private record Outgoing<D>(D document, String mailId, MimeMessage message, Unsaved unsaved) {
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
			documents.eventsRelayed(fresh, unsaved.eventIds, now);
			change.accept(fresh);
		});
		unsaved.written = true;
	}

	/**
	 * The round's mails over at most {@code mailConnections} connections in parallel, each document's mails on one
	 * connection (so one thread writes each document). Each mail is marked sent in its document as soon as the server
	 * accepted it; documents with mails not accepted back off, and wait for the server if it was unreachable.
	 */
	private void send(List<Outgoing<D>> outgoing, Instant now) {
		if (outgoing.isEmpty()) {
			return;
		}
		for (Outgoing<D> mail : outgoing) {
			setMessageId(mail);
		}
		List<List<Outgoing<D>>> connections = byConnection(outgoing);
		List<Boolean> anyAccepted = new ArrayList<>();
		if (connections.size() == 1) {
			anyAccepted.add(sendOver(connections.get(0), now));
		}
		else {
			try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<Boolean>> sending = new ArrayList<>();
				for (List<Outgoing<D>> connection : connections) {
					sending.add(parallel.submit(() -> sendOver(connection, now)));
				}
				for (Future<Boolean> future : sending) {
					try {
						anyAccepted.add(future.get());
					}
					catch (ExecutionException e) {
						throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("interrupted while mails were sent", e);
					}
				}
			}
		}
		if (anyAccepted.contains(true)) {
			release(mailsParked);
		}
	}

	/** Whether the server accepted any mail of this connection's batch. */
	private boolean sendOver(List<Outgoing<D>> batch, Instant now) {
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
				scheduler.wakeUpAt(id, retry);
			}
			if (delivered.unavailable()) {
				mailsParked.park(id, now.toEpochMilli());
			}
		}
		return accepted[0];
	}

	/** Spreads the mails over connections of about equal size, keeping each document's mails together. */
	private List<List<Outgoing<D>>> byConnection(List<Outgoing<D>> outgoing) {
		Map<D, List<Outgoing<D>>> byDocument = new IdentityHashMap<>();
		List<List<Outgoing<D>>> documentsInOrder = new ArrayList<>();
		for (Outgoing<D> mail : outgoing) {
			byDocument.computeIfAbsent(mail.document(), d -> {
				List<Outgoing<D>> group = new ArrayList<>();
				documentsInOrder.add(group);
				return group;
			}).add(mail);
		}
		int connections = Math.min(settings.mailConnections(), documentsInOrder.size());
		int perConnection = (outgoing.size() + connections - 1) / connections;
		List<List<Outgoing<D>>> batches = new ArrayList<>();
		List<Outgoing<D>> current = new ArrayList<>();
		for (List<Outgoing<D>> group : documentsInOrder) {
			if (!current.isEmpty() && current.size() + group.size() > perConnection
					&& batches.size() < connections - 1) {
				batches.add(current);
				current = new ArrayList<>();
			}
			current.addAll(group);
		}
		batches.add(current);
		return batches;
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
	 * How a relay is put together: required are the documents, where events go, the clock and the settings; mails and
	 * holding them are for owners that mail.
	 */
	public static final class Builder<D> {

		private final String name;
		private final OutboxDocuments<D> documents;
		private final EventSender events;
		private final Clock clock;
		private final RelaySettings settings;
		private MailComposer<D> composer;
		private MailDelivery mails;
		private Function<List<D>, Set<String>> heldMails = documents -> Set.of();

		private Builder(String name, OutboxDocuments<D> documents, EventSender events, Clock clock,
				RelaySettings settings) {
			this.name = name;
			this.documents = documents;
			this.events = events;
			this.clock = clock;
			this.settings = settings;
		}

		/** Owed mails are composed by the composer and delivered by the delivery. */
		public Builder<D> mails(MailComposer<D> composer, MailDelivery delivery) {
			this.composer = composer;
			this.mails = delivery;
			return this;
		}

		/**
		 * Whose mails are held (processing restricted, Art. 18): given the round's documents that owe mails, the ids
		 * of those whose mails must wait. Their events still go out (they carry no personal data).
		 */
		public Builder<D> holdingMailsOf(Function<List<D>, Set<String>> held) {
			this.heldMails = held;
			return this;
		}

		public OutboxRelay<D> build() {
			return new OutboxRelay<>(this);
		}
	}

	@Override
	public String toString() {
		return name;
	}
}
