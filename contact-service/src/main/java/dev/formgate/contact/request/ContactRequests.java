package dev.formgate.contact.request;

import dev.formgate.events.ContactEvent;
import dev.formgate.outbox.Conflicts;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.MongoOutboxDocuments;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The repository of contact requests: versioned single-document writes, queries on indexed fields only; a subject's
 * requests are found through {@link ContactSubjects}, kept in step here.
 */
@Component
class ContactRequests extends MongoOutboxDocuments<ContactRequest> {

	static final String COLLECTION = "contact_requests";

	private final ContactSubjects subjects;

	ContactRequests(MongoTemplate mongo, ContactSubjects subjects) {
		super(mongo, ContactRequest.class);
		this.subjects = subjects;
	}

	void insert(ContactRequest request) {
		subjects.add(request.subjectRef().value(), request.id());
		mongo.insert(request);
	}

	/** A purged request goes once its last event is out. */
	@Override
	protected boolean isGoneOnceRelayed(ContactRequest request) {
		return request.isGoneOnceRelayed();
	}

	/** A request staff may see: purged ones are gone for them even while their event waits in the outbox. */
	Optional<ContactRequest> findVisible(String id) {
		return Optional.ofNullable(mongo.findById(id, ContactRequest.class)).filter(r -> !r.isPurged());
	}

	@Override
	public String id(ContactRequest request) {
		return request.id();
	}

	@Override
	public Outbox outbox(ContactRequest request) {
		return request.outbox();
	}

	/**
	 * Read-modify-write against the versioned document, again after a concurrent write ({@link Conflicts}). The
	 * change sees the fresh document, or null if it is gone. A request moved to another subject (Art. 16) is listed
	 * under it before the write and taken off its old one after; a purged one is taken off after the write.
	 */
	@Override
	public <T> T update(String id, Function<ContactRequest, T> change) {
		return Conflicts.retrying(() -> {
			ContactRequest fresh = mongo.findById(id, ContactRequest.class);
			String before = fresh == null ? null : fresh.subjectRef().value();
			T result = change.apply(fresh);
			if (fresh != null) {
				String after = fresh.subjectRef().value();
				boolean moved = !after.equals(before);
				if (moved) {
					subjects.add(after, id);
				}
				save(fresh);
				if (moved) {
					subjects.remove(before, List.of(id));
				}
				if (fresh.isPurged()) {
					subjects.remove(after, List.of(id));
				}
			}
			return result;
		});
	}

	List<ContactRequest> page(ContactRequestFilter filter, Instant now, Instant overdueBefore, int page, int size) {
		Query query = query(criteria(filter, now, overdueBefore))
			.with(Sort.by(Sort.Order.asc("receivedAt"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
		return mongo.find(query, ContactRequest.class);
	}

	long count(ContactRequestFilter filter, Instant now, Instant overdueBefore) {
		return mongo.count(query(criteria(filter, now, overdueBefore)), ContactRequest.class);
	}

	/**
	 * Events recorded before version 0.2 kept only their kind ({@code RECEIVED}, {@code CLOSED}, {@code PURGED}) and
	 * time: the event is what the relay of that version would have sent.
	 */
	@Override
	public void upgrade(ContactRequest r) {
		upgradeByKind(r, r.subjectRef().value(), (kind, entry, at) -> switch (kind) {
			case "RECEIVED" -> new ContactEvent.ContactRequestReceived(r.subjectRef(), r.requestId(), r.topic(), at);
			case "CLOSED" -> new ContactEvent.ContactRequestClosed(r.subjectRef(), r.requestId(), r.topic(), at);
			case "PURGED" -> new ContactEvent.ContactRequestPurged(r.subjectRef(), r.requestId(), r.topic(), at);
			default -> throw new IllegalStateException("unknown kind of a stored outbox event");
		});
	}

	/**
	 * The subject's requests that still hold personal data (not purged), oldest first: the subject's lookup document,
	 * then its requests by {@code _id}. Listed ids whose request is gone, purged or moved (a crash between two writes)
	 * are taken off the list.
	 */
	List<ContactRequest> ofSubject(String subjectRef) {
		List<String> ids = subjects.requestIds(subjectRef);
		if (ids.isEmpty()) {
			return List.of();
		}
		List<ContactRequest> found = new ArrayList<>(findAll(ids));
		found.removeIf(r -> r.isPurged() || !r.subjectRef().value().equals(subjectRef));
		List<String> stale = new ArrayList<>(ids);
		found.forEach(r -> stale.remove(r.id()));
		subjects.remove(subjectRef, stale);
		found.sort(Comparator.comparing(ContactRequest::receivedAt));
		return found;
	}

	/** Closed before the cutoff and not yet purged, held or not. */
	List<ContactRequest> closedBefore(Instant cutoff) {
		return mongo.find(query(where("state").is(ContactRequestState.CLOSED).and("closedAt").lt(cutoff)
			.and("purgedAt").isNull()), ContactRequest.class);
	}

	private static Criteria criteria(ContactRequestFilter filter, Instant now, Instant overdueBefore) {
		List<Criteria> all = new ArrayList<>();
		all.add(where("purgedAt").isNull());
		if (filter.state() != null) {
			all.add(where("state").is(filter.state()));
		}
		if (filter.topic() != null) {
			all.add(where("topic").is(filter.topic()));
		}
		if (filter.olderThan() != null) {
			all.add(where("receivedAt").lt(now.minus(filter.olderThan())));
		}
		if (filter.overdue()) {
			all.add(where("state").ne(ContactRequestState.CLOSED));
			all.add(where("receivedAt").lt(overdueBefore));
		}
		return new Criteria().andOperator(all);
	}
}
