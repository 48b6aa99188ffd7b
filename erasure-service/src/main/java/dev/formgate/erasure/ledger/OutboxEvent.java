package dev.formgate.erasure.ledger;

import dev.formgate.outbox.TraceParents;

import java.time.Instant;
import java.util.UUID;

/**
 * One emission of the request's event waiting in the document until Kafka has it. Each emission has its own
 * CloudEvents id, so a store that drops duplicate ids still sees a re-request; the requestId inside stays the same.
 * The traceparent of the call that queued it lets the record join that call's trace.
 */
record OutboxEvent(String eventId, Instant queuedAt, String traceparent) {

	static OutboxEvent queued(Instant now) {
		return new OutboxEvent(UUID.randomUUID().toString(), now, TraceParents.current());
	}
}
