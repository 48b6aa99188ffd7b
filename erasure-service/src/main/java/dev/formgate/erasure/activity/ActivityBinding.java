package dev.formgate.erasure.activity;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.CommentEvent;
import dev.formgate.events.CommentEvent.CommentPosted;
import dev.formgate.events.CommentEvent.CommentPublished;
import dev.formgate.events.CommentEvent.CommentRejected;
import dev.formgate.events.CommentEvent.CommentRemoved;
import dev.formgate.events.ContactEvent;
import dev.formgate.events.ContactEvent.ContactRequestClosed;
import dev.formgate.events.ContactEvent.ContactRequestReceived;
import dev.formgate.events.NewsletterEvent;
import dev.formgate.events.NewsletterEvent.ComplaintReceived;
import dev.formgate.events.NewsletterEvent.SubscriptionBounced;
import dev.formgate.events.NewsletterEvent.SubscriptionConfirmed;
import dev.formgate.events.NewsletterEvent.SubscriptionExpired;
import dev.formgate.events.NewsletterEvent.SubscriptionRequested;
import dev.formgate.events.NewsletterEvent.Unsubscribed;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Bindings {@code newsletterActivity-in-0} ({@code newsletter.events}), {@code contactActivity-in-0}
 * ({@code contact.events}) and {@code commentActivity-in-0} ({@code comment.events}). Events of a known type that is not counted (e.g. a purge) are skipped; a record that is
 * not a known event, has no id or no time fails, and after the binding's retries lands in its dead-letter topic.
 * The subjectRef is read past, never stored. The bindings consume in batches ({@code batch-mode}), each batch counted
 * in one store command.
 */
@Configuration(proxyBeanMethods = false)
class ActivityBinding {

	private static final Map<String, Class<?>> KNOWN = Stream
		.of(NewsletterEvent.class, ContactEvent.class, CommentEvent.class)
		.flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
		.collect(Collectors.toUnmodifiableMap(CloudEvents::typeOf, c -> c));

	@Bean
	Consumer<Message<List<byte[]>>> newsletterActivity(Activity activity, JsonMapper json) {
		return batch -> count(activity, json, batch, NewsletterEvent.class);
	}

	@Bean
	Consumer<Message<List<byte[]>>> contactActivity(Activity activity, JsonMapper json) {
		return batch -> count(activity, json, batch, ContactEvent.class);
	}

	@Bean
	Consumer<Message<List<byte[]>>> commentActivity(Activity activity, JsonMapper json) {
		return batch -> count(activity, json, batch, CommentEvent.class);
	}

	/**
	 * Counts a polled batch in one store command. A record that is not a countable event of this topic fails alone:
	 * the events before it are counted, and the listener container commits them, retries that record and, after the
	 * binding's attempts (unreadable JSON too: the failure names only the exception's class, so it is retried like any
	 * other), dead-letters it; the records after it come again.
	 */
	private static void count(Activity activity, JsonMapper json, Message<List<byte[]>> batch, Class<?> topicEvents) {
		List<byte[]> payloads = batch.getPayload();
		List<?> headers = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
		List<?> unconverted = batch.getHeaders().get(KafkaHeaders.CONVERSION_FAILURES, List.class);
		if (headers == null || headers.size() != payloads.size() || unconverted != null && !unconverted.isEmpty()) {
			// A record the binder could not hand over would be left out of the batch and committed uncounted.
			throw new IllegalStateException("the batch lacks records or their headers");
		}
		List<Activity.Counted> counted = new ArrayList<>(payloads.size());
		for (int i = 0; i < payloads.size(); i++) {
			try {
				Activity.Counted event = read(json, (Map<?, ?>) headers.get(i), payloads.get(i), topicEvents);
				if (event != null) {
					counted.add(event);
				}
			}
			catch (RuntimeException e) {
				activity.count(counted);
				// Without the cause: its message may quote the record, and the binder logs a failed batch in full.
				throw new BatchListenerFailedException("record " + i + " of the batch is not a countable event ("
						+ e.getClass().getName() + ")", i);
			}
		}
		activity.count(counted);
	}

	/** The record as an event to count; null for a known event that is not counted. */
	@SuppressWarnings("unchecked")
	private static Activity.Counted read(JsonMapper json, Map<?, ?> headers, byte[] payload, Class<?> topicEvents) {
		Map<String, Object> attributes = (Map<String, Object>) headers;
		Class<?> type = KNOWN.get(CloudEvents.attribute(attributes, "type"));
		if (type == null || !topicEvents.isAssignableFrom(type)) {
			throw new IllegalArgumentException("not an event of this topic");
		}
		String id = CloudEvents.attribute(attributes, "id");
		if (id.isBlank()) {
			throw new IllegalArgumentException("event without id");
		}
		Object event = json.readValue(payload, type);
		return switch (event) {
			case SubscriptionRequested e -> new Activity.Counted(id, at(e.occurredAt()), Figure.CONSENTS_REQUESTED, null);
			case SubscriptionConfirmed e -> new Activity.Counted(id, at(e.occurredAt()), Figure.CONSENTS_CONFIRMED, null);
			case Unsubscribed e -> new Activity.Counted(id, at(e.occurredAt()), Figure.UNSUBSCRIBES,
					e.reason() == null ? "UNKNOWN" : e.reason().name());
			case SubscriptionExpired e -> new Activity.Counted(id, at(e.occurredAt()), Figure.EXPIRED_SIGN_UPS, null);
			case SubscriptionBounced e -> new Activity.Counted(id, at(e.occurredAt()), Figure.BOUNCES, null);
			case ComplaintReceived e -> new Activity.Counted(id, at(e.occurredAt()), Figure.COMPLAINTS, null);
			case ContactRequestReceived e -> new Activity.Counted(id, at(e.occurredAt()),
					Figure.CONTACT_REQUESTS_RECEIVED, null);
			case ContactRequestClosed e -> new Activity.Counted(id, at(e.occurredAt()), Figure.CONTACT_REQUESTS_CLOSED,
					null);
			case CommentPosted e -> new Activity.Counted(id, at(e.occurredAt()), Figure.COMMENTS_POSTED, null);
			case CommentPublished e -> new Activity.Counted(id, at(e.occurredAt()), Figure.COMMENTS_PUBLISHED, null);
			case CommentRejected e -> new Activity.Counted(id, at(e.occurredAt()), Figure.COMMENTS_REJECTED, null);
			case CommentRemoved e -> new Activity.Counted(id, at(e.occurredAt()), Figure.COMMENTS_REMOVED, null);
			default -> null; // known, not counted (ContactRequestPurged)
		};
	}

	private static Instant at(Instant occurredAt) {
		if (occurredAt == null) {
			throw new IllegalArgumentException("event without time");
		}
		return occurredAt;
	}
}
