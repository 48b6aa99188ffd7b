package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent;
import dev.formgate.events.SubscriptionId;
import dev.formgate.newsletter.mail.NewsletterMails;
import dev.formgate.newsletter.messaging.EventPublisher;
import dev.formgate.outbox.OutboxScheduler;
import dev.formgate.outbox.RelayWrites;
import dev.formgate.outbox.RelayWrites.OutgoingMail;
import dev.formgate.outbox.ScheduledRelay;
import dev.formgate.privacy.Restrictions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Hands what subscription documents owe to the outside world: events to Kafka, mails to SMTP. An entry leaves the
 * document only after Kafka or the SMTP server has accepted it, so a crash at any point loses nothing; it may
 * repeat an event (same id, consumers drop it) or, if it dies between SMTP's accept and the write, a mail.
 */
@Component
class OutboxRelay extends ScheduledRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;
	private final EventPublisher publisher;
	private final NewsletterMails mails;
	private final Tokens tokens;
	private final SubscriptionProperties properties;
	private final Restrictions restrictions;
	private final Clock clock;
	private final OutboxScheduler scheduler;
	private final RelayWrites<Subscription> writes = new RelayWrites<>(this::persist,
			(stale, change) -> update(stale.id(), change));

	OutboxRelay(MongoTemplate mongo, EventPublisher publisher, NewsletterMails mails, Tokens tokens,
			SubscriptionProperties properties, Restrictions restrictions, Clock clock) {
		this.mongo = mongo;
		this.restrictions = restrictions;
		this.publisher = publisher;
		this.mails = mails;
		this.tokens = tokens;
		this.properties = properties;
		this.clock = clock;
		var relay = properties.relay();
		this.scheduler = new OutboxScheduler("outbox-relay", clock,
				new OutboxScheduler.Settings(relay.pollInterval(), relay.batchSize(), relay.sweepInterval()),
				this::owing, this::relay);
	}

	/** This subscription owes something now: relay it without waiting for the next sweep. */
	void wakeUp(String subscriptionId) {
		scheduler.wakeUp(subscriptionId);
	}

	@Override
	protected OutboxScheduler scheduler() {
		return scheduler;
	}

	/**
	 * Every document that owes something by now, also those no wake-up announced (written before a crash, by another
	 * instance, or waiting out a backoff). On MongoDB this uses the relayDue index; mongo-java-server scans.
	 */
	private List<String> owing(Instant now) {
		Query owing = query(where("relayDue").lte(now));
		owing.fields().include("_id");
		return mongo.find(owing, Subscription.class).stream().map(Subscription::id).toList();
	}

	/** One round over the given subscriptions: their events to Kafka, then all their mails over one connection. */
	private void relay(Set<String> ids) {
		Instant now = clock.instant();
		List<OutgoingMail<Subscription>> outgoing = new ArrayList<>();
		List<Subscription> owing = mongo.find(query(where("_id").in(ids)), Subscription.class);
		Set<String> restricted = restrictions
			.restrictedAmong(owing.stream().map(s -> s.subjectRef().value()).distinct().toList());
		for (Subscription subscription : owing) {
			Instant relayDue = subscription.relayDue();
			if (relayDue == null) {
				continue;
			}
			if (relayDue.isAfter(now)) {
				scheduler.wakeUpAt(subscription.id(), relayDue);
				continue;
			}
			relay(subscription, restricted.contains(subscription.subjectRef().value()), now, outgoing);
		}
		send(outgoing, now);
	}

	/** Events go out even while the subject is restricted (they carry no personal data); mails are held. */
	private void relay(Subscription subscription, boolean restricted, Instant now,
			List<OutgoingMail<Subscription>> outgoing) {
		Set<String> published = new HashSet<>();
		boolean publishFailed = false;
		for (OutboxEvent event : subscription.outbox()) {
			try {
				publisher.publish(subscription.subjectRef(), event.eventId(), toEvent(subscription, event),
						event.traceparent());
				published.add(event.eventId());
			}
			catch (RuntimeException e) {
				log.warn("Publishing event {} failed ({}), will retry", event.eventId(), e.getClass().getSimpleName());
				publishFailed = true;
				break;
			}
		}
		subscription.eventsRelayed(published);

		List<OutgoingMail<Subscription>> prepared = new ArrayList<>();
		if (!publishFailed && restricted) {
			subscription.holdMails();
		}
		else if (!publishFailed) {
			for (PendingMail mail : subscription.mails()) {
				prepare(subscription, mail, now).ifPresent(prepared::add);
			}
		}
		else {
			retryLater(subscription, now);
		}
		try {
			persist(subscription);
			outgoing.addAll(prepared);
		}
		catch (OptimisticLockingFailureException e) {
			// Changed meanwhile: keep only what already happened (the published events); mails wait for the next round.
			writes.updateFresh(subscription, fresh -> fresh.eventsRelayed(published));
		}
	}

	private Optional<OutgoingMail<Subscription>> prepare(Subscription subscription, PendingMail mail, Instant now) {
		String title = properties.lists().containsKey(subscription.list())
				? properties.lists().get(subscription.list()).in(subscription.language()) : subscription.list();
		switch (mail.kind()) {
			case CONFIRMATION -> {
				if (subscription.state() != SubscriptionState.PENDING || subscription.email() == null) {
					subscription.mailDropped(mail.mailId());
					return Optional.empty();
				}
				String token = Tokens.newConfirmationToken();
				subscription.issueConfirmationToken(Tokens.hash(token),
						now.plus(properties.confirmation().tokenTtl()));
				return Optional.of(new OutgoingMail<>(subscription, mail.mailId(),
						mails.confirmation(subscription.email(), subscription.language(), title, token,
								properties.confirmation().tokenTtl())));
			}
			case WELCOME -> {
				if (subscription.state() != SubscriptionState.ACTIVE || subscription.email() == null) {
					subscription.mailDropped(mail.mailId());
					return Optional.empty();
				}
				return Optional.of(new OutgoingMail<>(subscription, mail.mailId(),
						mails.welcome(subscription.email(), subscription.language(), title,
								tokens.unsubscribeCredential(subscription.id()))));
			}
		}
		throw new IllegalStateException("unknown mail kind " + mail.kind());
	}

	private void send(List<OutgoingMail<Subscription>> outgoing, Instant now) {
		writes.send(outgoing, mails::send, Subscription::mailSent, s -> retryLater(s, now));
	}

	private void retryLater(Subscription subscription, Instant now) {
		subscription.relayFailed(now, properties.relay().maxBackoff());
		scheduler.wakeUpAt(subscription.id(), subscription.relayDue());
	}

	private void update(String subscriptionId, Consumer<Subscription> change) {
		Conflicts.retrying(() -> {
			Subscription fresh = mongo.findById(subscriptionId, Subscription.class);
			if (fresh != null) {
				change.accept(fresh);
				persist(fresh);
			}
			return null;
		});
	}

	private void persist(Subscription subscription) {
		if (subscription.isGoneOnceRelayed()) {
			mongo.remove(subscription);
		}
		else {
			mongo.save(subscription);
		}
	}

	private static NewsletterEvent toEvent(Subscription s, OutboxEvent event) {
		SubscriptionId id = new SubscriptionId(s.id());
		return switch (event.kind()) {
			case REQUESTED -> new NewsletterEvent.SubscriptionRequested(s.subjectRef(), id, s.list(), s.language(),
					event.occurredAt());
			case CONFIRMED -> new NewsletterEvent.SubscriptionConfirmed(s.subjectRef(), id, s.list(),
					s.consent() == null ? null : s.consent().consentTextVersion(), event.occurredAt());
			case UNSUBSCRIBED -> new NewsletterEvent.Unsubscribed(s.subjectRef(), id, s.list(), event.reason(),
					event.occurredAt());
			case EXPIRED -> new NewsletterEvent.SubscriptionExpired(s.subjectRef(), id, s.list(), event.occurredAt());
		};
	}
}
