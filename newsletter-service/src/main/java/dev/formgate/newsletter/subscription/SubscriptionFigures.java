package dev.formgate.newsletter.subscription;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The lists' figures for editors: counts of subscriptions by state, never a subject. */
@Service
public class SubscriptionFigures {

	private final MongoTemplate mongo;
	private final SubscriptionProperties properties;

	SubscriptionFigures(MongoTemplate mongo, SubscriptionProperties properties) {
		this.mongo = mongo;
		this.properties = properties;
	}

	/** One list's figures: pending and active now, unsubscribed between {@code from} (incl.) and {@code to} (excl.). */
	public record ListFigures(String list, String titleDe, String titleEn, long pending, long active,
			long unsubscribed) {
	}

	/** Every list's figures, in the configured order; counts only, no subject. */
	public List<ListFigures> perList(Instant from, Instant to) {
		return properties.lists().entrySet().stream().map(entry -> {
			String list = entry.getKey();
			long pending = mongo.count(query(where("list").is(list).and("state").is(SubscriptionState.PENDING)),
					Subscription.class);
			long active = mongo.count(query(where("list").is(list).and("state").is(SubscriptionState.ACTIVE)),
					Subscription.class);
			long unsubscribed = mongo.count(query(where("list").is(list).and("state").is(SubscriptionState.UNSUBSCRIBED)
				.and("endedAt").gte(from).lt(to)), Subscription.class);
			return new ListFigures(list, entry.getValue().de(), entry.getValue().en(), pending, active, unsubscribed);
		}).toList();
	}
}
