package dev.formgate.consumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The CloudEvents ids a consumer group has processed, in the service's own database ({@value #COLLECTION}), so that a
 * redelivered event changes nothing a second time. An id is recorded after its effect, never before: a crash between
 * the two means one more delivery, which the effect must tolerate (the stores' own checks do); recording first could
 * lose the event. Ids are forgotten after {@code formgate.consumer.processed-events-retention}. Holds no personal
 * data: consumer group, event id, time.
 */
public final class ProcessedEvents {

	public static final String COLLECTION = "processed_events";

	private final MongoTemplate mongo;
	private final Clock clock;

	ProcessedEvents(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Runs the effect unless this consumer already processed the event, then records it. Returns whether it ran.
	 * An event without an id is processed every time (nothing identifies its repeats).
	 */
	public boolean once(String consumer, String eventId, Runnable effect) {
		if (eventId == null || eventId.isBlank()) {
			effect.run();
			return true;
		}
		String id = consumer + "/" + eventId;
		if (mongo.exists(query(where("_id").is(id)), ProcessedEvent.class)) {
			return false;
		}
		effect.run();
		try {
			mongo.insert(new ProcessedEvent(id, clock.instant()));
		}
		catch (DuplicateKeyException e) {
			// Another instance processed the same delivery meanwhile (a rebalance); the effect tolerates it.
		}
		return true;
	}

	/** Forgets ids older than the retention; returns how many. */
	long purge(Instant olderThan) {
		return mongo.remove(query(where("processedAt").lt(olderThan)), ProcessedEvent.class).getDeletedCount();
	}

	/** Indexed by time: the purge reads only the ids past retention. */
	@Document(COLLECTION)
	record ProcessedEvent(@Id String id, @Indexed Instant processedAt) {
	}
}
