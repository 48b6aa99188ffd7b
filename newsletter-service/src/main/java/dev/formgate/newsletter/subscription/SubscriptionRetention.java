package dev.formgate.newsletter.subscription;

import dev.formgate.mail.InboxCooldowns;
import dev.formgate.outbox.Conflicts;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.privacy.Restrictions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The retention limits of {@code formgate.newsletter.retention} for subscriptions: unconfirmed sign-ups lose their
 * personal data, consent proofs of ended subscriptions go after their evidence period, cooldown claims once over. A
 * restriction (Art. 18) keeps what it covers.
 */
@Service
public class SubscriptionRetention {

	private final MongoTemplate mongo;
	private final SubscriptionProperties properties;
	private final OutboxRelay<Subscription> relay;
	private final InboxCooldowns cooldowns;
	private final Restrictions restrictions;
	private final Clock clock;

	SubscriptionRetention(MongoTemplate mongo, SubscriptionProperties properties, OutboxRelay<Subscription> relay,
			InboxCooldowns cooldowns, Restrictions restrictions, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.relay = relay;
		this.cooldowns = cooldowns;
		this.restrictions = restrictions;
		this.clock = clock;
	}

	/** Retention: sign-ups not confirmed in time lose their personal data now. Returns how many expired. */
	public int expireUnconfirmed() {
		Instant now = clock.instant();
		Instant cutoff = now.minus(properties.retention().unconfirmed());
		List<Subscription> due = mongo.find(
				query(where("state").is(SubscriptionState.PENDING).and("lastConfirmationMailAt").lt(cutoff)),
				Subscription.class);
		int expired = 0;
		for (Subscription found : due) {
			boolean changed = Conflicts.retrying(() -> {
				Subscription subscription = mongo.findById(found.id(), Subscription.class);
				if (subscription == null || subscription.state() != SubscriptionState.PENDING
						|| restrictions.isRestricted(subscription.subjectRef())) {
					return false; // a restriction keeps the data (Art. 18(1)(b), (c))
				}
				subscription.expire(now);
				mongo.save(subscription);
				relay.wakeUp(subscription.id());
				return true;
			});
			expired += changed ? 1 : 0;
		}
		return expired;
	}

	/** Retention: consent proof of ended subscriptions whose evidence period is over. Returns how many were deleted. */
	public long purgeWithdrawnConsentProofs() {
		Instant cutoff = clock.instant().minus(properties.retention().withdrawnConsentProof());
		return mongo
			.remove(query(where("state").is(SubscriptionState.UNSUBSCRIBED).and("endedAt").lt(cutoff)
				.and("relayDue").isNull().and("subjectRef").nin(restrictions.all())), Subscription.class)
			.getDeletedCount();
	}

	/** Retention: cooldown claims that are over. Returns how many were deleted. */
	public long purgeConfirmationCooldowns() {
		return cooldowns.purge(clock.instant());
	}
}
