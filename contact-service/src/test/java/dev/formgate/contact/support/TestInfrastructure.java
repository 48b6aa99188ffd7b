package dev.formgate.contact.support;

import dev.formgate.events.Topics;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.PrivacyLedger;
import dev.formgate.testing.TestClock;
import dev.formgate.testing.TestServers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** The shared test servers with this service's database, a clock tests can move forward, and test clients. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

	@Bean
	DynamicPropertyRegistrar infrastructureProperties() {
		return TestServers.properties("formgate-contact");
	}

	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
	}

	@Bean
	Inbox inbox() {
		return new Inbox(TestServers.SMTP);
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
