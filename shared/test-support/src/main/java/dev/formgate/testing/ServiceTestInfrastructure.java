package dev.formgate.testing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The beans every service's test context shares: the per-JVM {@link TestServers} with the service's own database, and
 * a client for the privacy topics under the service's name. Each service's test configuration adds its own clients.
 */
public abstract class ServiceTestInfrastructure {

	private final String database;
	private final String service;

	protected ServiceTestInfrastructure(String database, String service) {
		this.database = database;
		this.service = service;
	}

	@Bean
	public DynamicPropertyRegistrar infrastructureProperties() {
		return TestServers.properties(database);
	}

	/** Takes the broker so that the embedded Kafka is up before the client connects. */
	@Bean
	public PrivacyLedger privacyLedger(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
			EmbeddedKafkaBroker broker) {
		return new PrivacyLedger(brokers, service);
	}

	@Bean
	public DeadLetterProbe deadLetterProbe(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
			EmbeddedKafkaBroker broker) {
		return new DeadLetterProbe(brokers);
	}
}
