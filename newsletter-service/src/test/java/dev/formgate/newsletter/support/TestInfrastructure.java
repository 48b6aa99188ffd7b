package dev.formgate.newsletter.support;

import dev.formgate.testing.ServiceTestInfrastructure;
import dev.formgate.testing.TestServers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** The shared test servers and privacy client, a clock tests can move forward, this service's test clients. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure extends ServiceTestInfrastructure {

	public TestInfrastructure() {
		super("formgate-newsletter", "newsletter-service");
	}

	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
	}

	/** The bounce mailbox on the test GreenMail's IMAP (the rest of its settings: {@link NewsletterServiceTest}). */
	@Bean
	DynamicPropertyRegistrar bounceMailboxProperties() {
		TestServers.SMTP.setUser(BounceMailboxes.ADDRESS, BounceMailboxes.ADDRESS, BounceMailboxes.ADDRESS);
		return registry -> {
			registry.add("formgate.newsletter.bounces.port", () -> TestServers.SMTP.getImap().getPort());
			// every mail of the test context is DKIM-signed with a key made for this JVM
			registry.add("formgate.newsletter.mail.dkim.private-key", TestDkimKey::privateKeyPem);
			registry.add("formgate.newsletter.mail.dkim.selector", () -> "test");
		};
	}

	@Bean
	BounceMailboxes bounceMailboxes() {
		return new BounceMailboxes(TestServers.SMTP);
	}

	@Bean
	Inbox inbox() {
		return new Inbox(TestServers.SMTP);
	}

	@Bean
	EventLog eventLog(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, EmbeddedKafkaBroker broker) {
		return new EventLog(brokers);
	}
}
