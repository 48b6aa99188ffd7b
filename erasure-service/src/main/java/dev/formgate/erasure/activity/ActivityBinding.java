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
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Bindings {@code newsletterActivity-in-0} ({@code newsletter.events}), {@code contactActivity-in-0}
 * ({@code contact.events}) and {@code commentActivity-in-0} ({@code comment.events}). Events of a known type that is not counted (e.g. a purge) are skipped; a record that is
 * not a known event, has no id or no time fails, and after the binding's retries lands in its dead-letter topic.
 * The subjectRef is read past, never stored.
 */
@Configuration(proxyBeanMethods = false)
class ActivityBinding {

	private static final Map<String, Class<?>> KNOWN = Stream
		.of(NewsletterEvent.class, ContactEvent.class, CommentEvent.class)
		.flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
		.collect(Collectors.toUnmodifiableMap(CloudEvents::typeOf, c -> c));

	@Bean
	Consumer<Message<byte[]>> newsletterActivity(Activity activity, JsonMapper json) {
		return message -> count(activity, json, message, NewsletterEvent.class);
	}

	@Bean
	Consumer<Message<byte[]>> contactActivity(Activity activity, JsonMapper json) {
		return message -> count(activity, json, message, ContactEvent.class);
	}

	@Bean
	Consumer<Message<byte[]>> commentActivity(Activity activity, JsonMapper json) {
		return message -> count(activity, json, message, CommentEvent.class);
	}

	private static void count(Activity activity, JsonMapper json, Message<byte[]> message, Class<?> topicEvents) {
		Class<?> type = KNOWN.get(CloudEvents.attribute(message.getHeaders(), "type"));
		if (type == null || !topicEvents.isAssignableFrom(type)) {
			throw new IllegalArgumentException("not an event of this topic");
		}
		String id = CloudEvents.attribute(message.getHeaders(), "id");
		if (id.isBlank()) {
			throw new IllegalArgumentException("event without id");
		}
		Object event = json.readValue(message.getPayload(), type);
		switch (event) {
			case SubscriptionRequested e -> activity.count(id, at(e.occurredAt()), Figure.CONSENTS_REQUESTED, null);
			case SubscriptionConfirmed e -> activity.count(id, at(e.occurredAt()), Figure.CONSENTS_CONFIRMED, null);
			case Unsubscribed e -> activity.count(id, at(e.occurredAt()), Figure.UNSUBSCRIBES,
					e.reason() == null ? "UNKNOWN" : e.reason().name());
			case SubscriptionExpired e -> activity.count(id, at(e.occurredAt()), Figure.EXPIRED_SIGN_UPS, null);
			case SubscriptionBounced e -> activity.count(id, at(e.occurredAt()), Figure.BOUNCES, null);
			case ComplaintReceived e -> activity.count(id, at(e.occurredAt()), Figure.COMPLAINTS, null);
			case ContactRequestReceived e -> activity.count(id, at(e.occurredAt()), Figure.CONTACT_REQUESTS_RECEIVED,
					null);
			case ContactRequestClosed e -> activity.count(id, at(e.occurredAt()), Figure.CONTACT_REQUESTS_CLOSED, null);
			case CommentPosted e -> activity.count(id, at(e.occurredAt()), Figure.COMMENTS_POSTED, null);
			case CommentPublished e -> activity.count(id, at(e.occurredAt()), Figure.COMMENTS_PUBLISHED, null);
			case CommentRejected e -> activity.count(id, at(e.occurredAt()), Figure.COMMENTS_REJECTED, null);
			case CommentRemoved e -> activity.count(id, at(e.occurredAt()), Figure.COMMENTS_REMOVED, null);
			default -> {
				// known, not counted (ContactRequestPurged)
			}
		}
	}

	private static Instant at(Instant occurredAt) {
		if (occurredAt == null) {
			throw new IllegalArgumentException("event without time");
		}
		return occurredAt;
	}
}
