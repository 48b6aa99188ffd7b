package dev.formgate.erasure.selfservice;

import dev.formgate.outbox.MongoOutboxDocuments;
import dev.formgate.outbox.Outbox;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The repository of self-service requests: by id (the link names it), versioned writes, the purge by expiry. */
@Component
class SelfServiceRequests extends MongoOutboxDocuments<SelfServiceRequest> {

	SelfServiceRequests(MongoTemplate mongo) {
		super(mongo, SelfServiceRequest.class);
	}

	void insert(SelfServiceRequest request) {
		mongo.insert(request);
	}

	Optional<SelfServiceRequest> find(String id) {
		return Optional.ofNullable(mongo.findById(id, SelfServiceRequest.class));
	}

	@Override
	public String id(SelfServiceRequest request) {
		return request.id();
	}

	@Override
	public Outbox outbox(SelfServiceRequest request) {
		return request.outbox();
	}

	/** Deletes the requests whose link has expired (on the indexed expiry); returns how many. */
	long purgeExpired(Instant now) {
		return mongo.remove(query(where("expiresAt").lte(now)), SelfServiceRequest.class).getDeletedCount();
	}
}
