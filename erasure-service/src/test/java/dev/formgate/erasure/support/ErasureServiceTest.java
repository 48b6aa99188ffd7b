package dev.formgate.erasure.support;

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
 * The whole service on real parts: an embedded KRaft Kafka broker and mongo-java-server over TCP with the real
 * driver; stores are played by a plain Kafka producer. Every test class carrying this annotation shares one Spring
 * context and one set of servers. The registry is shared too: tests answer for every store a request expects.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "formgate.pepper=" + Stores.PEPPER, "formgate.transport-key=" + Stores.TRANSPORT_KEY,
				"formgate.admin-token.issuer=" + AdminTokenFixture.ISSUER,
				"formgate.erasure.relay.poll-interval=50ms", "formgate.erasure.relay.sweep-interval=1s",
				// gauges read the ledger at every scrape, so a test sees what it just filed
				"formgate.observability.gauge-refresh=0s" })
@EmbeddedKafka(partitions = 3,
		topics = { Topics.PRIVACY_REQUESTS, Topics.PRIVACY_OUTCOMES, Topics.PRIVACY_INVENTORY, Topics.NEWSLETTER_EVENTS,
				Topics.CONTACT_EVENTS, Topics.COMMENT_EVENTS },
		bootstrapServersProperty = "spring.cloud.stream.kafka.binder.brokers")
@Import(TestInfrastructure.class)
public @interface ErasureServiceTest {
}
