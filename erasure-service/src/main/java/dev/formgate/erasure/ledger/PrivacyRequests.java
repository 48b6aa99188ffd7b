package dev.formgate.erasure.ledger;

import dev.formgate.outbox.MongoOutboxDocuments;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxEvent;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The repository of privacy requests: versioned single-document writes, queries on indexed fields only. For the
 * outbox relay, looking at a due request also settles its stores' deadlines.
 */
@Component
class PrivacyRequests extends MongoOutboxDocuments<PrivacyRequest> {

	private final LedgerProperties settings;

	PrivacyRequests(MongoTemplate mongo, LedgerProperties settings) {
		super(mongo, PrivacyRequest.class);
		this.settings = settings;
	}

	void insert(PrivacyRequest request) {
		mongo.insert(request);
	}

	Optional<PrivacyRequest> find(String id) {
		return Optional.ofNullable(mongo.findById(id, PrivacyRequest.class));
	}

	@Override
	public String id(PrivacyRequest request) {
		return request.id();
	}

	@Override
	public Outbox outbox(PrivacyRequest request) {
		return request.outbox();
	}

	/** Gives up on stores silent too long and asks the others again once their backoff has passed. */
	@Override
	public void relaying(PrivacyRequest request, Instant now) {
		request.askSilentStores(now, settings);
	}

	@Override
	public void eventsRelayed(PrivacyRequest request, Set<String> eventIds, Instant now) {
		request.eventsRelayed(eventIds, now, settings);
	}

	/**
	 * An emission queued before version 0.2 kept only its id and time: it is the request's event, as the relay of
	 * that version sent it.
	 */
	@Override
	public void upgrade(PrivacyRequest request) {
		request.outbox().upgrade(legacy -> OutboxEvent.upgraded(legacy, request.subjectRef().value(), request.event(),
				request.filedAt()));
	}

	List<PrivacyRequest> page(PrivacyRequestFilter filter, Instant now, int page, int size) {
		Query query = query(criteria(filter, now))
			.with(Sort.by(Sort.Order.asc("receivedAt"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
		return mongo.find(query, PrivacyRequest.class);
	}

	long count(PrivacyRequestFilter filter, Instant now) {
		return mongo.count(query(criteria(filter, now)), PrivacyRequest.class);
	}

	/** How many requests there are of each type in each state (for the metrics), absent pairs left out. */
	Map<TypeAndState, Long> countByTypeAndState() {
		var aggregation = Aggregation.newAggregation(Aggregation.group("type", "state").count().as("count"));
		Map<TypeAndState, Long> counts = new HashMap<>();
		for (Document row : mongo.aggregate(aggregation, PrivacyRequest.class, Document.class)) {
			Document id = row.get("_id", Document.class);
			if (id != null && id.getString("type") != null && id.getString("state") != null) {
				counts.put(new TypeAndState(RequestType.valueOf(id.getString("type")),
						RequestState.valueOf(id.getString("state"))), ((Number) row.get("count")).longValue());
			}
		}
		return counts;
	}

	record TypeAndState(RequestType type, RequestState state) {
	}

	/** Ids of the open requests; a store that registers must answer them. */
	List<String> open() {
		return ids(query(where("state").in(RequestState.OPEN)));
	}

	/** Ids of the subject's access requests (their sealed exports go when the subject's erasure goes out). */
	List<String> accessRequestsOf(String subjectRef) {
		return ids(query(where("subjectRef").is(subjectRef).and("type").is(RequestType.ACCESS)));
	}

	/** Ids of the requests whose sealed export data must go by now. */
	List<String> exportExpired(Instant now) {
		return ids(query(where("exportExpiresAt").lte(now)));
	}

	private List<String> ids(Query query) {
		query.fields().include("_id");
		return mongo.find(query, PrivacyRequest.class).stream().map(PrivacyRequest::id).toList();
	}

	private static Criteria criteria(PrivacyRequestFilter filter, Instant now) {
		List<Criteria> all = new ArrayList<>();
		if (filter.state() != null) {
			all.add(where("state").is(filter.state()));
		}
		if (filter.type() != null) {
			all.add(where("type").is(filter.type()));
		}
		if (filter.overdue()) {
			all.add(where("state").in(RequestState.OPEN));
			all.add(where("dueAt").lte(now));
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}
}
