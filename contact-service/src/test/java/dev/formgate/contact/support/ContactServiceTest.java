package dev.formgate.contact.support;

import dev.formgate.events.Topics;
import dev.formgate.security.AdminTokenFixture;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service on real parts: an embedded KRaft Kafka broker, mongo-java-server over TCP with the real driver,
 * and GreenMail as SMTP server. Every test class carrying this annotation shares one Spring context and one set of
 * servers. Topic {@code archiv} belongs to the paging test alone, so that it can count.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "formgate.pepper=test-pepper-with-at-least-thirty-two-bytes",
				"formgate.admin-token.issuer=" + AdminTokenFixture.ISSUER,
				"formgate.contact.topics.buergerservice.inbox=buergerservice@formgate.test",
				"formgate.contact.topics.buergerservice.de=Bürgerservice",
				"formgate.contact.topics.buergerservice.en=Citizen services",
				"formgate.contact.topics.presse.inbox=presse@formgate.test",
				"formgate.contact.topics.presse.de=Presse", "formgate.contact.topics.presse.en=Press",
				"formgate.contact.topics.archiv.inbox=archiv@formgate.test",
				"formgate.contact.topics.archiv.de=Archiv", "formgate.contact.topics.archiv.en=Archive",
				"formgate.contact.mail.from=Formgate Kontakt <kontakt@formgate.test>",
				"formgate.transport-key=" + ContactServiceTest.TRANSPORT_KEY,
				"formgate.contact.relay.poll-interval=50ms", "formgate.privacy.relay.poll-interval=50ms" })
@EmbeddedKafka(partitions = 3, topics = { Topics.CONTACT_EVENTS, Topics.PRIVACY_REQUESTS, Topics.PRIVACY_OUTCOMES,
		Topics.PRIVACY_INVENTORY },
		bootstrapServersProperty = "spring.cloud.stream.kafka.binder.brokers")
@Import(TestInfrastructure.class)
public @interface ContactServiceTest {

	/** The transport key the erasure-service would share; tests seal and open with it as the ledger does. */
	String TRANSPORT_KEY = "test-transport-key-with-at-least-32-bytes";
}
