package dev.formgate.erasure.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * One emission of the request's event waiting in the document until Kafka has it. Each emission has its own
 * CloudEvents id, so a store that drops duplicate ids still sees a re-request; the requestId inside stays the same.
 */
record OutboxEvent(String eventId, Instant queuedAt) {

	static OutboxEvent queued(Instant now) {
		return new OutboxEvent(UUID.randomUUID().toString(), now);
	}
}
