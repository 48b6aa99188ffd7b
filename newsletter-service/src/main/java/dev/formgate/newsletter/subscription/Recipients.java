package dev.formgate.newsletter.subscription;

import dev.formgate.privacy.Restrictions;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * What campaigns may know of the subscriptions: who is confirmed on a list (as references, streamed, never all at
 * once), who must get nothing (restricted or suppressed), and — only at the moment a mail is composed — the address
 * and language of a subscription that is still active. Every lookup goes by an indexed key or streams one list.
 */
@Component
public class Recipients {

	/** A confirmed subscription, without its address. */
	public record Subscriber(String subscriptionId, String subjectRef, String list, String language,
			Instant confirmedAt) {
	}

	/** A subscription that is active now, with what a mail to it needs. */
	public record Addressee(String subscriptionId, String subjectRef, String list, String email, String language) {
	}

	private final MongoTemplate mongo;
	private final Restrictions restrictions;
	private final Suppressions suppressions;
	private final Tokens tokens;
	private final SubscriptionProperties properties;

	Recipients(MongoTemplate mongo, Restrictions restrictions, Suppressions suppressions, Tokens tokens,
			SubscriptionProperties properties) {
		this.mongo = mongo;
		this.restrictions = restrictions;
		this.suppressions = suppressions;
		this.tokens = tokens;
		this.properties = properties;
	}

	/**
	 * The active subscriptions of a list in id order, after {@code afterId} (null: from the first), streamed from
	 * the store a cursor batch at a time. Close the stream.
	 */
	public Stream<Subscriber> activeOn(String list, String afterId) {
		var criteria = where("list").is(list).and("state").is(SubscriptionState.ACTIVE);
		if (afterId != null) {
			criteria = criteria.and("_id").gt(afterId);
		}
		Query active = query(criteria).with(Sort.by("_id"));
		active.fields().include("_id", "subjectRef", "list", "language", "consent.confirmedAt");
		active.cursorBatchSize(1000);
		return mongo.stream(active, Subscription.class).map(Recipients::subscriber);
	}

	/** The subject's subscription to this list, if it is active (a lookup by the unique (subjectRef, list) key). */
	public Subscriber activeSubscription(String subjectRef, String list) {
		Subscription found = mongo.findOne(query(where("subjectRef").is(subjectRef).and("list").is(list)),
				Subscription.class);
		return found == null || found.state() != SubscriptionState.ACTIVE ? null : subscriber(found);
	}

	/** Whether any of these lists has an active subscription: a campaign to them would reach someone. */
	public boolean anyActiveOn(Collection<String> lists) {
		return mongo.exists(query(where("list").in(lists).and("state").is(SubscriptionState.ACTIVE)),
				Subscription.class);
	}

	/**
	 * Of these subjects, those who must get no campaign: processing restricted (Art. 18), or suppressed for every list —
	 * they objected, withdrew every consent or complained, until they sign up and confirm again. Who left one list is
	 * no longer on it and still gets the campaigns of the others.
	 */
	public Set<String> excluded(Collection<String> subjectRefs) {
		Set<String> excluded = new HashSet<>(restrictions.restrictedAmong(subjectRefs));
		excluded.addAll(suppressions.suppressedAmong(subjectRefs));
		return excluded;
	}

	/** Of these subscriptions, those that are active now, with their address and language, by id. */
	public Map<String, Addressee> activeNow(Collection<String> subscriptionIds) {
		Map<String, Addressee> active = new HashMap<>();
		for (Subscription s : mongo.find(query(where("_id").in(subscriptionIds)), Subscription.class)) {
			if (s.state() == SubscriptionState.ACTIVE && s.email() != null) {
				active.put(s.id(), new Addressee(s.id(), s.subjectRef().value(), s.list(), s.email(), s.language()));
			}
		}
		return active;
	}

	/** The credential of a campaign mail's unsubscribe link: it ends the subscription and counts for the campaign. */
	public String unsubscribeCredential(String subscriptionId, String campaignId) {
		return tokens.unsubscribeCredential(subscriptionId + SubscriptionService.CAMPAIGN_SEPARATOR + campaignId);
	}

	public boolean isKnownList(String list) {
		return properties.lists().containsKey(list);
	}

	/** A list's title in a language (German unless English). */
	public String title(String list, String language) {
		var titles = properties.lists().get(list);
		return titles == null ? list : titles.in(language);
	}

	/** The configured lists, in order. */
	public List<String> lists() {
		return List.copyOf(properties.lists().keySet());
	}

	private static Subscriber subscriber(Subscription s) {
		return new Subscriber(s.id(), s.subjectRef().value(), s.list(), s.language(),
				s.consent() == null ? null : s.consent().confirmedAt());
	}
}
