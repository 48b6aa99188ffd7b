package dev.formgate.gateway;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * MongoDB health by {@code ping}, which MongoDB and the embedded mongo-java-server both answer (Boot's own indicator
 * sends {@code hello}, which the embedded server does not know). Named so that Boot's indicator steps aside.
 */
@Component("mongoHealthIndicator")
class StoreHealthIndicator extends AbstractReactiveHealthIndicator {

	private final ReactiveMongoTemplate mongo;

	StoreHealthIndicator(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return mongo.executeCommand(new Document("ping", 1)).map(ok -> builder.up().build());
	}
}
