package dev.formgate.outbox;

import dev.formgate.events.CloudEvents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An event recorded with the state change it announces, as it will go out: its CloudEvents id, type and time, the
 * record key and the JSON data, written when the change was made. The relay sends exactly this; it never rebuilds an
 * event from the document as it is later (a rectification in between must not change what an earlier event says).
 * The traceparent of the request that recorded it lets the Kafka record join that request's trace.
 *
 * @param eventId the CloudEvents id, the same on every attempt, so consumers can drop a repeat
 * @param type the CloudEvents type, e.g. {@code dev.formgate.newsletter.SubscriptionConfirmed}
 * @param key the record key (a subjectRef, so one subject's events stay in order)
 * @param time the CloudEvents time, ISO-8601 as the event says it happened
 * @param data the event record as JSON
 * @param traceparent the W3C traceparent of the span that recorded it, or null
 */
public record OutboxEvent(String eventId, String type, String key, String time, String data, String traceparent) {

	/** An event with a fresh id, recorded now on the current trace. */
	public static OutboxEvent of(String key, Object event, Instant occurredAt) {
		return of(UUID.randomUUID().toString(), key, event, occurredAt);
	}

	/** An event whose id the caller derives (the same answer published again keeps its id). */
	public static OutboxEvent of(String eventId, String key, Object event, Instant occurredAt) {
		return new OutboxEvent(eventId, CloudEvents.typeOf(event.getClass()), key, occurredAt.toString(),
				EventJson.write(event), TraceParents.current());
	}

	/**
	 * What an event recorded by an older version (see {@link #isLegacy()}) was: it keeps its id and trace, so a
	 * consumer that saw it already drops it.
	 */
	public static OutboxEvent upgraded(OutboxEvent legacy, String key, Object event, Instant occurredAt) {
		return new OutboxEvent(legacy.eventId(), CloudEvents.typeOf(event.getClass()), key, occurredAt.toString(),
				EventJson.write(event), legacy.traceparent());
	}

	/**
	 * The CloudEvents 1.0 attributes in Kafka binary mode ({@code ce_id}, {@code ce_source}, {@code ce_type},
	 * {@code ce_specversion}, {@code ce_time}), as every sender puts them on the record.
	 */
	public Map<String, byte[]> cloudEventsHeaders(String source) {
		Map<String, byte[]> headers = new LinkedHashMap<>();
		headers.put(CloudEvents.ID, bytes(eventId));
		headers.put(CloudEvents.SOURCE, bytes(source));
		headers.put(CloudEvents.TYPE, bytes(type));
		headers.put(CloudEvents.SPECVERSION, bytes(CloudEvents.SPEC_VERSION));
		headers.put(CloudEvents.TIME, bytes(time));
		return headers;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Recorded before events were kept as they go out (only an id and what kind of change it was): the owner must
	 * say again what the event was, see {@link OutboxDocuments#upgrade}.
	 */
	public boolean isLegacy() {
		return data == null;
	}
}
