package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.outbox.TraceParents;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the subscription document until the relay has handed it to Kafka. Its id is the CloudEvents id,
 * stable across redeliveries, so consumers can drop duplicates. The traceparent of the request that owed it lets the
 * record join that request's trace.
 */
record OutboxEvent(String eventId, Kind kind, Instant occurredAt, Reason reason, String traceparent) {

	enum Kind {
		REQUESTED, CONFIRMED, UNSUBSCRIBED, EXPIRED
	}

	static OutboxEvent of(Kind kind, Instant at) {
		return new OutboxEvent(UUID.randomUUID().toString(), kind, at, null, TraceParents.current());
	}

	static OutboxEvent unsubscribed(Reason reason, Instant at) {
		return new OutboxEvent(UUID.randomUUID().toString(), Kind.UNSUBSCRIBED, at, reason, TraceParents.current());
	}
}
