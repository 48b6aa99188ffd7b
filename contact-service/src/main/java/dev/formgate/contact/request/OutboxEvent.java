package dev.formgate.contact.request;

import dev.formgate.outbox.TraceParents;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the request document until the relay has handed it to Kafka. Its id is the CloudEvents id,
 * stable across redeliveries, so consumers can drop duplicates. The traceparent of the request that owed it lets the
 * record join that request's trace.
 */
record OutboxEvent(String eventId, Kind kind, Instant occurredAt, String traceparent) {

	enum Kind {
		RECEIVED, CLOSED, PURGED
	}

	static OutboxEvent of(Kind kind, Instant at) {
		return new OutboxEvent(UUID.randomUUID().toString(), kind, at, TraceParents.current());
	}
}
