package dev.formgate.contact.request;

import dev.formgate.contact.mail.ContactMails;
import dev.formgate.contact.mail.StaffNotification;
import dev.formgate.contact.messaging.EventPublisher;
import dev.formgate.events.ContactEvent;
import dev.formgate.outbox.OutboxScheduler;
import dev.formgate.outbox.RelayWrites;
import dev.formgate.outbox.RelayWrites.OutgoingMail;
import dev.formgate.outbox.ScheduledRelay;
import dev.formgate.privacy.Restrictions;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hands what request documents owe to the outside world: events to Kafka, mails to SMTP. An entry leaves the
 * document only after Kafka or the SMTP server has accepted it, so a crash at any point loses nothing; it may repeat
 * an event (same id, consumers drop it) or, if it dies between SMTP's accept and the write, a mail.
 */
@Component
class OutboxRelay extends ScheduledRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final ContactRequests requests;
	private final EventPublisher publisher;
	private final ContactMails mails;
	private final ContactProperties properties;
	private final Restrictions restrictions;
	private final Clock clock;
	private final OutboxScheduler scheduler;
	private final RelayWrites<ContactRequest> writes;

	OutboxRelay(ContactRequests requests, EventPublisher publisher, ContactMails mails, ContactProperties properties,
			Restrictions restrictions, Clock clock) {
		this.requests = requests;
		this.restrictions = restrictions;
		this.publisher = publisher;
		this.mails = mails;
		this.properties = properties;
		this.clock = clock;
		this.writes = new RelayWrites<>(requests::persist, (stale, change) -> requests.update(stale.id(), fresh -> {
			if (fresh != null) {
				change.accept(fresh);
			}
			return null;
		}));
		var relay = properties.relay();
		this.scheduler = new OutboxScheduler("contact-outbox-relay", clock,
				new OutboxScheduler.Settings(relay.pollInterval(), relay.batchSize(), relay.sweepInterval()),
				requests::relayDue, this::relay);
	}

	/** This request owes something now: relay it without waiting for the next sweep. */
	void wakeUp(String requestId) {
		scheduler.wakeUp(requestId);
	}

	@Override
	protected OutboxScheduler scheduler() {
		return scheduler;
	}

	/** One round over the given requests: their events to Kafka, then all their mails over one connection. */
	private void relay(Set<String> ids) {
		Instant now = clock.instant();
		List<OutgoingMail<ContactRequest>> outgoing = new ArrayList<>();
		List<ContactRequest> owing = requests.findAll(ids);
		Set<String> restricted = restrictions
			.restrictedAmong(owing.stream().map(r -> r.subjectRef().value()).distinct().toList());
		for (ContactRequest request : owing) {
			Instant relayDue = request.relayDue();
			if (relayDue == null) {
				continue;
			}
			if (relayDue.isAfter(now)) {
				scheduler.wakeUpAt(request.id(), relayDue);
				continue;
			}
			relay(request, restricted.contains(request.subjectRef().value()), now, outgoing);
		}
		send(outgoing, now);
	}

	/** Events go out even while the sender is restricted (they carry no personal data); mails are held. */
	private void relay(ContactRequest request, boolean restricted, Instant now,
			List<OutgoingMail<ContactRequest>> outgoing) {
		Set<String> published = new HashSet<>();
		boolean publishFailed = false;
		for (OutboxEvent event : request.outbox()) {
			try {
				publisher.publish(event.eventId(), toEvent(request, event), event.traceparent());
				published.add(event.eventId());
			}
			catch (RuntimeException e) {
				log.warn("Publishing event {} failed ({}), will retry", event.eventId(), e.getClass().getSimpleName());
				publishFailed = true;
				break;
			}
		}
		request.eventsRelayed(published);

		List<OutgoingMail<ContactRequest>> prepared = new ArrayList<>();
		if (!publishFailed && restricted) {
			request.holdMails();
		}
		else if (!publishFailed) {
			for (PendingMail mail : request.mails()) {
				prepare(request, mail).ifPresent(prepared::add);
			}
		}
		else {
			retryLater(request, now);
		}
		try {
			requests.persist(request);
			outgoing.addAll(prepared);
		}
		catch (OptimisticLockingFailureException e) {
			// Changed meanwhile: keep only what already happened (the published events); mails wait for the next round.
			writes.updateFresh(request, fresh -> fresh.eventsRelayed(published));
			wakeUp(request.id());
		}
	}

	private Optional<OutgoingMail<ContactRequest>> prepare(ContactRequest request, PendingMail mail) {
		if (request.email() == null) {
			request.mailSent(mail.mailId()); // purged meanwhile: nothing left to tell anyone
			return Optional.empty();
		}
		MimeMessage message = switch (mail.kind()) {
			case STAFF_NOTIFICATION -> mails.staffNotification(new StaffNotification(topic(request).inbox(),
					topic(request).de(), request.id(), request.receivedAt(), request.name(), request.email(),
					request.subject(), request.message(), properties.retention().closed().toDays()));
			case ACKNOWLEDGEMENT -> mails.acknowledgement(request.email(), request.language(), request.id());
		};
		return Optional.of(new OutgoingMail<>(request, mail.mailId(), message));
	}

	/** The request's topic; one removed from the configuration since falls back to the first configured topic. */
	private ContactProperties.Topic topic(ContactRequest request) {
		ContactProperties.Topic topic = properties.topics().get(request.topic());
		if (topic == null) {
			log.warn("Topic of contact request {} is no longer configured; notifying the first topic's inbox",
					request.id());
			return properties.topics().values().iterator().next();
		}
		return topic;
	}

	private void send(List<OutgoingMail<ContactRequest>> outgoing, Instant now) {
		writes.send(outgoing, mails::send, ContactRequest::mailSent, r -> retryLater(r, now));
	}

	private void retryLater(ContactRequest request, Instant now) {
		request.relayFailed(now, properties.relay().maxBackoff());
		scheduler.wakeUpAt(request.id(), request.relayDue());
	}

	private static ContactEvent toEvent(ContactRequest r, OutboxEvent event) {
		return switch (event.kind()) {
			case RECEIVED -> new ContactEvent.ContactRequestReceived(r.subjectRef(), r.requestId(), r.topic(),
					event.occurredAt());
			case CLOSED -> new ContactEvent.ContactRequestClosed(r.subjectRef(), r.requestId(), r.topic(),
					event.occurredAt());
			case PURGED -> new ContactEvent.ContactRequestPurged(r.subjectRef(), r.requestId(), r.topic(),
					event.occurredAt());
		};
	}
}
