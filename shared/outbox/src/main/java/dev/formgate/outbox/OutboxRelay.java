package dev.formgate.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Hands what documents owe to the outside world: their recorded events to Kafka, their mails to SMTP. An entry leaves
 * the document only after Kafka or the SMTP server accepted it, so a crash at any point loses nothing; it may repeat
 * an event (same id, consumers drop it) or, if it dies between SMTP's accept and the write, the mails accepted and
 * not yet marked (the same Message-ID, at most {@code markEvery} per connection).
 * <p>
 * One round takes a batch of due documents: their events go out together (each document's in order, documents in
 * parallel, all awaited before anything is written), then the documents that owe mails are handed to a few SMTP
 * connections ({@link RelayMails}: each document's mails on one, composed and sent there, the accepted ones marked sent
 * together every {@code markEvery} mails and at the batch's end) and the next round begins while they are sent. A
 * document that owes mails is written with its first mark (or refusal), with what its events did: one write for the
 * events and the mail rather than two, so a crash before it sends that round's events again with the mail. When Kafka or SMTP cannot be
 * reached, the documents waiting for it are parked: one of them is tried every probe interval, and the first success
 * releases them all, so owed work goes out within seconds of the dependency's return rather than after every
 * document's backoff.
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
	private final RelayMails<D> mails;
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
		this.heldMails = builder.heldMails;
		this.writes = new RelayWrites<>(documents);
		this.eventsParked = new Parking(settings.probeInterval().toMillis());
		this.mailsParked = new Parking(settings.probeInterval().toMillis());
		this.scheduler = new OutboxScheduler(name, clock, settings.scheduler(),
				now -> documents.dueBy(now, settings.sweepPage()), this::relay, this::probe);
		this.mails = builder.composer == null ? null
				: new RelayMails<>(name, documents, builder.composer, builder.mails, settings, clock,
						new RelayMails.Relay() {

							@Override
							public void wakeUp(String id) {
								scheduler.wakeUp(id);
							}

							@Override
							public void wakeUpAt(String id, Instant at) {
								scheduler.wakeUpAt(id, at);
							}

							@Override
							public void parked(String id, Instant now) {
								mailsParked.park(id, now.toEpochMilli());
							}

							@Override
							public void serverAnswered() {
								release(mailsParked);
							}
						});
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

	@Override
	public void stop() {
		super.stop();
		if (mails != null) {
			mails.stop();
		}
	}

	/**
	 * Runs a round over these documents on the caller's thread, as the worker would, and waits until its mails are
	 * sent too (for tests of the rules).
	 */
	void relayNow(Set<String> ids) {
		for (Future<?> share : round(ids)) {
			try {
				share.get();
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
		round(ids);
	}

	/** The round's events go out here; its mails are handed on: the futures complete once they are sent. */
	private List<Future<?>> round(Set<String> ids) {
		Instant now = clock.instant();
		Set<String> force = new HashSet<>();
		Set<String> free = new LinkedHashSet<>();
		for (String id : ids) {
			// a document whose mails are on their way is looked at again once they are written (still forced if so)
			if (mails != null && mails.isSending(id)) {
				continue;
			}
			free.add(id);
			if (forced.remove(id)) {
				force.add(id);
			}
		}
		if (free.isEmpty()) {
			return List.of();
		}
		List<D> due = new ArrayList<>();
		Set<String> waitingForServer = new HashSet<>();
		for (D document : documents.findAll(free)) {
			String id = documents.id(document);
			Instant at = documents.outbox(document).due();
			if (at == null) {
				continue;
			}
			if (at.isAfter(now) && !force.contains(id)) {
				scheduler.wakeUpAt(id, at);
				continue;
			}
			if (!force.contains(id) && mailsParked.isWaiting(id)) {
				// its mails wait for the probe or the server's return, not for its own backoff; events still go
				if (!documents.outbox(document).owesEvents()) {
					continue;
				}
				waitingForServer.add(id);
			}
			due.add(document);
		}
		if (due.isEmpty()) {
			return List.of();
		}
		for (D document : due) {
			if (documents.outbox(document).hasLegacyEvents()) {
				documents.upgrade(document);
			}
			documents.relaying(document, now);
		}
		Map<D, Published> published = publish(due);
		Set<String> held = heldMails.apply(due.stream().filter(d -> documents.outbox(d).owesMails()).toList());
		List<RelayMails.Owing<D>> owing = new ArrayList<>();
		for (D document : due) {
			if (settle(document, published.get(document), held, waitingForServer, now)) {
				owing.add(new RelayMails.Owing<>(document, published.get(document).eventIds()));
			}
		}
		if (published.values().stream().anyMatch(p -> !p.eventIds().isEmpty())) {
			release(eventsParked);
		}
		try {
			return mails == null ? List.of() : mails.hand(owing, now);
		}
		catch (InterruptedException e) {
			// stopped while every connection was busy: like a crash, the documents still say what they owe
			Thread.currentThread().interrupt();
			return List.of();
		}
	}

	/**
	 * Records what went out. True if the document's mails are to go out now (its events went out, its mails are not
	 * held and do not wait for the SMTP server): then its first mail's write carries what its events did. Otherwise
	 * writes the document once; only if someone wrote it meanwhile is what already happened (the events sent) applied
	 * to a fresh copy.
	 */
	private boolean settle(D document, Published published, Set<String> held, Set<String> waitingForServer,
			Instant now) {
		String id = documents.id(document);
		Outbox outbox = documents.outbox(document);
		documents.eventsRelayed(document, published.eventIds(), now);
		if (published.failed()) {
			outbox.relayFailed(now, settings.maxBackoff());
			eventsParked.park(id, now.toEpochMilli());
		}
		else if (outbox.owesMails() && mails != null && !waitingForServer.contains(id)) {
			if (!held.contains(id)) {
				return true;
			}
			outbox.holdMails();
		}
		Instant again = writes.settle(document, published.eventIds(), now);
		if (again != null) {
			scheduler.wakeUpAt(id, again);
		}
		return false;
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
