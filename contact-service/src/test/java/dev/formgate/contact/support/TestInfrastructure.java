package dev.formgate.contact.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.events.Topics;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.PrivacyLedger;
import dev.formgate.testing.TestClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** One mongo-java-server and one GreenMail per test JVM, on free ports; a clock tests can move forward. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

	private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
	private static final String MONGO_URI;
	static final GreenMail SMTP;

	static {
		MONGO_URI = MONGO.bindAndGetConnectionString() + "/formgate-contact";
		SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		SMTP.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			SMTP.stop();
			MONGO.shutdownNow();
		}));
	}

	@Bean
	DynamicPropertyRegistrar infrastructureProperties() {
		return registry -> {
			registry.add("spring.mongodb.uri", () -> MONGO_URI);
			registry.add("spring.mail.host", () -> "127.0.0.1");
			registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
			registry.add("formgate.admin-token.public-key", AdminTokenFixture::publicKeyLocation);
		};
	}

	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
	}

	@Bean
	Inbox inbox() {
		return new Inbox(SMTP);
	}

	@Bean
	PrivacyLedger privacyLedger(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
			EmbeddedKafkaBroker broker) {
		return new PrivacyLedger(brokers, "contact-service");
	}

	@Bean
	EventLog eventLog(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, EmbeddedKafkaBroker broker) {
		return new EventLog(brokers, Topics.CONTACT_EVENTS);
	}
}
