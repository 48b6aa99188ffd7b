package dev.formgate.comment.support;

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
 * servers. Site {@code blog} moderates; site {@code open} publishes at once; post {@code alt} of {@code blog} is closed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "formgate.pepper=test-pepper-with-at-least-thirty-two-bytes",
				"formgate.admin-token.issuer=" + AdminTokenFixture.ISSUER,
				"formgate.comment.sites.blog.title=Das Blog",
				"formgate.comment.sites.blog.closed=alt",
				"formgate.comment.sites.open.title=Offen",
				"formgate.comment.sites.open.posts=erster,zweiter", "formgate.comment.sites.open.publish-at-once=true",
				"formgate.comment.mail.from=Formgate Kommentare <kommentare@formgate.test>",
				"formgate.transport-key=" + CommentServiceTest.TRANSPORT_KEY,
				"formgate.comment.relay.poll-interval=50ms", "formgate.privacy.relay.poll-interval=50ms" })
@EmbeddedKafka(partitions = 3, topics = { Topics.COMMENT_EVENTS, Topics.PRIVACY_REQUESTS, Topics.PRIVACY_OUTCOMES,
		Topics.PRIVACY_INVENTORY },
		bootstrapServersProperty = "spring.cloud.stream.kafka.binder.brokers")
@Import(TestInfrastructure.class)
public @interface CommentServiceTest {

	/** The transport key the erasure-service would share; tests seal and open with it as the ledger does. */
	String TRANSPORT_KEY = "test-transport-key-with-at-least-32-bytes";
}
