package dev.formgate.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping}, which MongoDB and the embedded mongo-java-server both answer (Boot's own indicator
 * sends {@code hello}, which the embedded server does not know). Registered as {@code mongoHealthIndicator}, so that
 * Boot's indicator steps aside.
 */
public class StoreHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	public StoreHealthIndicator(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		mongo.executeCommand(new Document("ping", 1));
		builder.up().withDetail("database", mongo.getDb().getName());
	}
}
