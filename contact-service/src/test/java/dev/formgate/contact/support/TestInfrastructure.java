package dev.formgate.contact.support;

import dev.formgate.events.Topics;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.Inbox;
import dev.formgate.testing.ServiceTestInfrastructure;
import dev.formgate.testing.TestClock;
import dev.formgate.testing.TestServers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** The shared test servers and privacy client, a clock tests can move forward, this service's test clients. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure extends ServiceTestInfrastructure {

	public TestInfrastructure() {
		super("formgate-contact", "contact-service");
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
	EventLog eventLog(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, EmbeddedKafkaBroker broker) {
		return new EventLog(brokers, Topics.CONTACT_EVENTS);
	}
}
