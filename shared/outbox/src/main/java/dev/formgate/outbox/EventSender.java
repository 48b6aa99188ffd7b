package dev.formgate.outbox;

/** Hands one recorded event to Kafka; returns only once the broker acknowledged it. */
@FunctionalInterface
public interface EventSender {

	/** Throws if the broker did not acknowledge (or at once while its circuit breaker is open). */
	void send(OutboxEvent event);
}
