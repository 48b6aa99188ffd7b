package dev.formgate.erasure.ledger;

import dev.formgate.erasure.messaging.RequestPublisher;
import dev.formgate.outbox.OutboxScheduler;
import dev.formgate.outbox.ScheduledRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Does what request documents owe by now: gives up on stores silent too long, queues a new emission for those whose
 * backoff has passed, and hands queued emissions to Kafka. An emission leaves the document only after Kafka has
 * accepted it, so a crash at any point loses nothing; at worst a store sees the same request once more.
 */
@Component
class OutboxRelay extends ScheduledRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final PrivacyRequests requests;
	private final RequestPublisher publisher;
	private final LedgerProperties settings;
	private final Clock clock;
	private final OutboxScheduler scheduler;

	OutboxRelay(PrivacyRequests requests, RequestPublisher publisher, LedgerProperties settings, Clock clock) {
		this.requests = requests;
		this.publisher = publisher;
		this.settings = settings;
		this.clock = clock;
		var relay = settings.relay();
		this.scheduler = new OutboxScheduler("privacy-request-relay", clock,
				new OutboxScheduler.Settings(relay.pollInterval(), relay.batchSize(), relay.sweepInterval()),
				requests::relayDue, ids -> ids.forEach(this::relay));
	}

	/** This request owes something now: relay it without waiting for the next sweep. */
	void wakeUp(String requestId) {
		scheduler.wakeUp(requestId);
	}

	@Override
	protected OutboxScheduler scheduler() {
		return scheduler;
	}

	private void relay(String id) {
		Instant now = clock.instant();
		PrivacyRequest request = requests.update(id, fresh -> {
			if (fresh != null && fresh.relayDue() != null && !fresh.relayDue().isAfter(now)) {
				fresh.askSilentStores(now, settings);
			}
			return fresh;
		});
		if (request == null || request.relayDue() == null) {
			return;
		}
		if (request.relayDue().isAfter(now)) {
			scheduler.wakeUpAt(id, request.relayDue());
			return;
		}
		Set<String> published = new HashSet<>();
		boolean failed = false;
		for (OutboxEvent event : request.outbox()) {
			try {
				publisher.publish(event.eventId(), request.event(), event.traceparent());
				published.add(event.eventId());
			}
			catch (RuntimeException e) {
				log.warn("Publishing privacy request {} failed ({}), will retry", id, e.getClass().getSimpleName());
				failed = true;
				break;
			}
		}
		boolean publishFailed = failed;
		PrivacyRequest settled = requests.update(id, fresh -> {
			if (fresh != null) {
				fresh.eventsRelayed(published, clock.instant(), settings);
				if (publishFailed) {
					fresh.relayFailed(clock.instant(), settings.relay().maxBackoff());
				}
			}
			return fresh;
		});
		if (settled != null && settled.relayDue() != null) {
			scheduler.wakeUpAt(id, settled.relayDue());
		}
	}
}
