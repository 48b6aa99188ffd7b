package dev.formgate.consumer;

import java.time.Instant;

/**
 * One dead letter as the admin API lists it: where it is, where it came from, why it failed — never its payload,
 * only the payload's size.
 */
public record DeadLetter(String topic, int partition, long offset, Instant time, String originalTopic,
		Integer originalPartition, Long originalOffset, String exception, String cause, String eventId,
		String eventType, int payloadSize, Instant replayedAt) {
}
