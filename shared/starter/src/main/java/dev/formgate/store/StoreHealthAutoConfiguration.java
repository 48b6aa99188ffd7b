package dev.formgate.store;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;

/** The services' store health: {@link StoreHealthIndicator} in place of Boot's MongoDB indicator. */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass({ AbstractHealthIndicator.class, MongoTemplate.class })
public class StoreHealthAutoConfiguration {

	@Bean("mongoHealthIndicator")
	StoreHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
		return new StoreHealthIndicator(mongo);
	}
}
