package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent;
import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.outbox.MongoOutboxDocuments;
import dev.formgate.outbox.Outbox;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The subscriptions as their outbox relay reads and writes them: versioned single-document writes. */
@Component
class Subscriptions extends MongoOutboxDocuments<Subscription> {

	static final String COLLECTION = "subscriptions";

	Subscriptions(MongoTemplate mongo) {
		super(mongo, Subscription.class);
	}

	@Override
	public String id(Subscription subscription) {
		return subscription.id();
	}

	@Override
	public Outbox outbox(Subscription subscription) {
		return subscription.outbox();
	}

	/** An expired sign-up goes once its last event is out. */
	@Override
	protected boolean isGoneOnceRelayed(Subscription subscription) {
		return subscription.isGoneOnceRelayed();
	}

	/**
	 * Events recorded before version 0.2 kept only their kind ({@code REQUESTED}, {@code CONFIRMED},
	 * {@code UNSUBSCRIBED} with its reason, {@code EXPIRED}) and the time: the event is what the relay of that
	 * version would have sent.
	 */
	@Override
	public void upgrade(Subscription s) {
		upgradeByKind(s, s.subjectRef().value(), (kind, entry, at) -> switch (kind) {
			case "REQUESTED" -> new NewsletterEvent.SubscriptionRequested(s.subjectRef(), s.subscriptionId(), s.list(),
					s.language(), at);
			case "CONFIRMED" -> new NewsletterEvent.SubscriptionConfirmed(s.subjectRef(), s.subscriptionId(), s.list(),
					s.consent() == null ? null : s.consent().consentTextVersion(), at);
			case "UNSUBSCRIBED" -> new NewsletterEvent.Unsubscribed(s.subjectRef(), s.subscriptionId(), s.list(),
					entry.getString("reason") == null ? null : Reason.valueOf(entry.getString("reason")), at);
			case "EXPIRED" -> new NewsletterEvent.SubscriptionExpired(s.subjectRef(), s.subscriptionId(), s.list(), at);
			default -> throw new IllegalStateException("unknown kind of a stored outbox event");
		});
	}
}
