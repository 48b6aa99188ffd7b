package dev.formgate.privacy;

import dev.formgate.consumer.ProcessedEvents;
import dev.formgate.events.CloudEvents;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.outbox.TraceParents;
import dev.formgate.outbox.Backoff;
import dev.formgate.outbox.CloudEventsPublisher;
import dev.formgate.outbox.OutboxScheduler;
import dev.formgate.outbox.ScheduledRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Answers data-subject requests for one store, exactly once in effect. Per request: plan the answer, store it, carry
 * the request out, mark it carried out and owed to Kafka; only then does the consumer return and the binder commit the
 * offset. A crash before the answer is stored makes Kafka redeliver; after it, the redelivery or the ledger's re-send
 * finds the stored answer, finishes carrying out if needed and publishes the same answer again. The relay publishes
 * answers from the documents, so none is lost between storing and publishing.
 */
public final class PrivacyAnswers extends ScheduledRelay {

	private static final Logger log = LoggerFactory.getLogger(PrivacyAnswers.class);

	private static final Map<String, Class<? extends PrivacyEvent>> TYPES = Arrays
		.stream(PrivacyEvent.class.getPermittedSubclasses())
		.collect(Collectors.toUnmodifiableMap(CloudEvents::typeOf, c -> c.asSubclass(PrivacyEvent.class)));

	private final PrivacyProperties properties;
	private final PrivacyStore store;
	private final MongoTemplate mongo;
	private final JsonMapper json;
	private final CloudEventsPublisher outcomes;
	private final Clock clock;
	private final OutboxScheduler scheduler;
	private final ProcessedEvents processedEvents;

	public PrivacyAnswers(PrivacyProperties properties, PrivacyStore store, MongoTemplate mongo, JsonMapper json,
			CloudEventsPublisher outcomes, ProcessedEvents processedEvents, Clock clock) {
		this.properties = properties;
		this.processedEvents = processedEvents;
		this.store = store;
		this.mongo = mongo;
		this.json = json;
		this.outcomes = outcomes;
		this.clock = clock;
		var relay = properties.relay();
		this.scheduler = new OutboxScheduler("privacy-answers-relay", clock,
				new OutboxScheduler.Settings(relay.pollInterval(), relay.batchSize(), relay.sweepInterval()),
				this::owing, this::relay);
	}

	/**
	 * The {@code privacy.requests} consumer. Throws (retry, then dead letter) only if the answer is not stored. A
	 * redelivery (the same CloudEvents id) does nothing; a re-request from the ledger has a new id and gets the stored
	 * answer published again.
	 */
	public void accept(Message<byte[]> message) {
		processedEvents.once(StorePrivacyConfiguration.REQUESTS, CloudEvents.attribute(message.getHeaders(), "id"),
				() -> process(message));
	}

	private void process(Message<byte[]> message) {
		String type = CloudEvents.attribute(message.getHeaders(), "type");
		Class<? extends PrivacyEvent> eventClass = TYPES.get(type);
		if (eventClass == null) {
			// Not a request this store knows (a newer ledger's?): nothing can be answered without understanding it.
			throw new IllegalArgumentException("unknown privacy request type");
		}
		PrivacyEvent request = json.readValue(message.getPayload(), eventClass);
		try {
			answer(request);
		}
		catch (RuntimeException e) {
			throw new PrivacyRequestNotAnswered(properties.store(), eventClass.getSimpleName(),
					request.requestId().value(), e);
		}
	}

	private void answer(PrivacyEvent request) {
		String id = request.requestId().value();
		AnsweredRequest answered = mongo.findById(id, AnsweredRequest.class);
		if (answered == null) {
			answered = AnsweredRequest.planned(request, store.plan(request), clock.instant());
			try {
				mongo.insert(answered);
			}
			catch (DuplicateKeyException e) {
				answered = mongo.findById(id, AnsweredRequest.class);
			}
		}
		boolean again = answered.carriedOut();
		if (!again) {
			store.carryOut(request);
		}
		// Owed to Kafka now; for a re-sent request once more, as the ledger evidently has not got it.
		mongo.updateFirst(query(where("_id").is(id)),
				new Update().set("carriedOut", true).set("relayDue", clock.instant()).set("relayFailures", 0)
					.set("traceparent", TraceParents.current()),
				AnsweredRequest.class);
		scheduler.wakeUp(id);
		log.info("{} {} request {}: {}", again ? "Answering again" : "Answered", request.getClass().getSimpleName(),
				id, answered.outcome());
	}

	/** Answers owed to Kafka by now; also removes answers past their retention that owe nothing. */
	private Collection<String> owing(Instant now) {
		mongo.remove(query(where("answeredAt").lt(now.minus(properties.answersRetention())).and("relayDue").isNull()),
				AnsweredRequest.class);
		Query owing = query(where("relayDue").lte(now));
		owing.fields().include("_id");
		return mongo.find(owing, AnsweredRequest.class).stream().map(AnsweredRequest::id).toList();
	}

	private void relay(Set<String> ids) {
		Instant now = clock.instant();
		for (AnsweredRequest answer : mongo.find(query(where("_id").in(ids)), AnsweredRequest.class)) {
			Instant due = answer.relayDue();
			if (due == null) {
				continue;
			}
			if (due.isAfter(now)) {
				scheduler.wakeUpAt(answer.id(), due);
				continue;
			}
			// Only if no re-send asked for it again meanwhile: then the newer duty stays.
			Query unchanged = query(where("_id").is(answer.id()).and("relayDue").is(due));
			try {
				outcomes.publish(answer.subjectRef(), answer.eventId(properties.store()),
						answer.toEvent(properties.store()), answer.answeredAt(), answer.traceparent());
				mongo.updateFirst(unchanged, new Update().unset("relayDue").set("relayFailures", 0),
						AnsweredRequest.class);
			}
			catch (RuntimeException e) {
				int failures = answer.relayFailures() + 1;
				Instant retry = Backoff.retryAt(now, failures, properties.relay().maxBackoff());
				log.warn("Publishing the answer to request {} failed ({}), will retry", answer.id(),
						e.getClass().getSimpleName());
				mongo.updateFirst(unchanged, new Update().set("relayDue", retry).set("relayFailures", failures),
						AnsweredRequest.class);
				scheduler.wakeUpAt(answer.id(), retry);
			}
		}
	}

	@Override
	protected OutboxScheduler scheduler() {
		return scheduler;
	}

	/** For a check that answers are the collection the store declares. */
	public static String collection() {
		return AnsweredRequest.COLLECTION;
	}
}
