package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent;
import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxDocuments;
import dev.formgate.outbox.OutboxEvent;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The subscriptions as their outbox relay reads and writes them: versioned single-document writes. */
@Component
class Subscriptions implements OutboxDocuments<Subscription> {

	static final String COLLECTION = "subscriptions";

	private final MongoTemplate mongo;

	Subscriptions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String id(Subscription subscription) {
		return subscription.id();
	}

	@Override
	public Outbox outbox(Subscription subscription) {
		return subscription.outbox();
	}

	@Override
	public List<Subscription> findAll(Collection<String> ids) {
		return mongo.find(query(where("_id").in(ids)), Subscription.class);
	}

	@Override
	public Subscription findById(String id) {
		return mongo.findById(id, Subscription.class);
	}

	/** An expired sign-up goes once its last event is out. */
	@Override
	public void save(Subscription subscription) {
		if (subscription.isGoneOnceRelayed()) {
			mongo.remove(subscription);
		}
		else {
			mongo.save(subscription);
		}
	}

	/** On MongoDB this uses the relayDue index; mongo-java-server too, for a range on the indexed field alone. */
	@Override
	public List<String> dueBy(Instant now, int limit) {
		Query due = query(where(Outbox.DUE).lte(now)).limit(limit);
		due.fields().include("_id");
		return mongo.find(due, Subscription.class).stream().map(Subscription::id).toList();
	}

	/**
	 * Events recorded before version 0.2 kept only their kind ({@code REQUESTED}, {@code CONFIRMED},
	 * {@code UNSUBSCRIBED} with its reason, {@code EXPIRED}) and the time: the event is what the relay of that
	 * version would have sent.
	 */
	@Override
	public void upgrade(Subscription s) {
		Document stored = mongo.findById(s.id(), Document.class, COLLECTION);
		Map<String, Document> legacy = new HashMap<>();
		if (stored != null) {
			for (Document entry : stored.getList(Outbox.EVENTS, Document.class, List.of())) {
				legacy.put(entry.getString("eventId"), entry);
			}
		}
		s.outbox().upgrade(event -> {
			Document entry = legacy.getOrDefault(event.eventId(), new Document());
			Date at = entry.getDate("occurredAt");
			Instant occurredAt = at == null ? Instant.EPOCH : at.toInstant();
			return OutboxEvent.upgraded(event, s.subjectRef().value(), legacyEvent(s, entry, occurredAt), occurredAt);
		});
	}

	private static NewsletterEvent legacyEvent(Subscription s, Document entry, Instant at) {
		return switch (String.valueOf(entry.getString("kind"))) {
			case "REQUESTED" -> new NewsletterEvent.SubscriptionRequested(s.subjectRef(), s.subscriptionId(), s.list(),
					s.language(), at);
			case "CONFIRMED" -> new NewsletterEvent.SubscriptionConfirmed(s.subjectRef(), s.subscriptionId(), s.list(),
					s.consent() == null ? null : s.consent().consentTextVersion(), at);
			case "UNSUBSCRIBED" -> new NewsletterEvent.Unsubscribed(s.subjectRef(), s.subscriptionId(), s.list(),
					entry.getString("reason") == null ? null : Reason.valueOf(entry.getString("reason")), at);
			case "EXPIRED" -> new NewsletterEvent.SubscriptionExpired(s.subjectRef(), s.subscriptionId(), s.list(), at);
			default -> throw new IllegalStateException("unknown kind of a stored outbox event");
		};
	}
}
