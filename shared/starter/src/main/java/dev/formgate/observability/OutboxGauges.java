package dev.formgate.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ArrayOperators;
import org.springframework.data.mongodb.core.aggregation.ConditionalOperators;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * How much a service owes the outside world, from its documents' outboxes: {@code formgate.outbox.mails} (mails not
 * yet accepted by SMTP) and {@code formgate.outbox.events} (events not yet acknowledged by Kafka). One aggregation
 * over the documents the relay has due ({@code relayDue}, indexed), at most once per refresh interval.
 */
public final class OutboxGauges implements MeterBinder {

	record Owed(long mails, long events) {
	}

	private final CachedValue<Owed> owed;
	private final boolean mails;

	/**
	 * @param collection the documents carrying {@code outbox} (events) and, if {@code mails}, {@code mails} lists
	 * @param mails whether these documents owe mails too
	 */
	public OutboxGauges(MongoOperations mongo, String collection, boolean mails, Duration refresh) {
		this.mails = mails;
		this.owed = new CachedValue<>(() -> count(mongo, collection, mails), new Owed(0, 0), refresh);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (mails) {
			Gauge.builder("formgate.outbox.mails", owed, o -> o.get().mails())
				.description("Mails owed in the outbox, not yet accepted by the SMTP server")
				.strongReference(true)
				.register(registry);
		}
		Gauge.builder("formgate.outbox.events", owed, o -> o.get().events())
			.description("Events owed in the outbox, not yet acknowledged by Kafka")
			.strongReference(true)
			.register(registry);
	}

	private static Owed count(MongoOperations mongo, String collection, boolean mails) {
		var project = Aggregation.project()
			.and(ArrayOperators.Size.lengthOfArray(ConditionalOperators.ifNull("outbox").then(List.of())))
			.as("events");
		if (mails) {
			project = project
				.and(ArrayOperators.Size.lengthOfArray(ConditionalOperators.ifNull("mails").then(List.of())))
				.as("mails");
		}
		var aggregation = Aggregation.newAggregation(
				Aggregation.match(where("relayDue").gte(Instant.EPOCH)), project,
				Aggregation.group().sum("events").as("events").sum(mails ? "mails" : "events").as("mails"));
		Document totals = mongo.aggregate(aggregation, collection, Document.class).getUniqueMappedResult();
		if (totals == null) {
			return new Owed(0, 0);
		}
		return new Owed(mails ? number(totals, "mails") : 0, number(totals, "events"));
	}

	private static long number(Document totals, String field) {
		Object value = totals.get(field);
		return value instanceof Number n ? n.longValue() : 0;
	}
}
