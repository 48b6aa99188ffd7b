package dev.formgate.erasure.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.events.Topics;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.DeadLetterProbe;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.TestClock;
import dev.formgate.testing.TestServers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** One mongo-java-server per test JVM on a free port; a clock tests can move forward; the stores' side of Kafka. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

	private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
	private static final String MONGO_URI;

	static {
		MONGO_URI = MONGO.bindAndGetConnectionString() + "/formgate-erasure";
		Runtime.getRuntime().addShutdownHook(new Thread(MONGO::shutdownNow));
	}

	@Bean
	DynamicPropertyRegistrar infrastructureProperties() {
		return registry -> {
			registry.add("spring.mongodb.uri", () -> MONGO_URI);
			registry.add("formgate.admin-token.public-key", AdminTokenFixture::publicKeyLocation);
			registry.add("spring.mail.host", () -> "127.0.0.1");
			registry.add("spring.mail.port", () -> TestServers.SMTP.getSmtp().getPort());
		};
	}

	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
	}

	/** What the ledger sent to the stores. */
	@Bean
	EventLog requestLog(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
			EmbeddedKafkaBroker broker) {
		return new EventLog(brokers, Topics.PRIVACY_REQUESTS);
	}

	@Bean
	DeadLetterProbe deadLetterProbe(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
			EmbeddedKafkaBroker broker) {
		return new DeadLetterProbe(brokers);
	}

	@Bean
	FailingAnnouncements failingAnnouncements() {
		return new FailingAnnouncements();
	}

	@Bean
	Stores stores(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, EmbeddedKafkaBroker broker) {
		return new Stores(brokers);
	}
}
