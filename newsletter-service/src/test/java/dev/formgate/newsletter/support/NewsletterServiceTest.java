package dev.formgate.newsletter.support;

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
 * servers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "formgate.pepper=test-pepper-with-at-least-thirty-two-bytes",
				"formgate.newsletter.link-secret=test-link-secret-with-at-least-32-bytes",
				"formgate.admin-token.issuer=" + AdminTokenFixture.ISSUER,
				"formgate.transport-key=" + NewsletterServiceTest.TRANSPORT_KEY,
				"formgate.newsletter.lists.events.de=Veranstaltungen", "formgate.newsletter.lists.events.en=Events",
				// lists only the campaign tests sign up to, so that their campaigns mail nobody else's test address
				"formgate.newsletter.lists.digest.de=Wochenüberblick", "formgate.newsletter.lists.digest.en=Weekly digest",
				"formgate.newsletter.lists.bulletin.de=Amtsblatt", "formgate.newsletter.lists.bulletin.en=Bulletin",
				"formgate.newsletter.lists.gazette.de=Anzeiger", "formgate.newsletter.lists.gazette.en=Gazette",
				"formgate.newsletter.lists.circular.de=Rundbrief", "formgate.newsletter.lists.circular.en=Circular",
				"formgate.newsletter.lists.quarterly.de=Vierteljahresheft", "formgate.newsletter.lists.quarterly.en=Quarterly",
				// lists only the bounce mailbox tests sign up to
				"formgate.newsletter.lists.notices.de=Mitteilungen", "formgate.newsletter.lists.notices.en=Notices",
				"formgate.newsletter.lists.almanac.de=Kalender", "formgate.newsletter.lists.almanac.en=Almanac",
				"formgate.newsletter.lists.yearbook.de=Jahrbuch", "formgate.newsletter.lists.yearbook.en=Yearbook",
				"formgate.newsletter.campaigns.test-recipients=redaktion@example.org",
				// the bounce mailbox on the test GreenMail's IMAP (its port: TestInfrastructure), read every half second
				"formgate.newsletter.bounces.enabled=true", "formgate.newsletter.bounces.protocol=imap",
				"formgate.newsletter.bounces.host=127.0.0.1", "formgate.newsletter.bounces.interval=500ms",
				"formgate.newsletter.bounces.username=" + BounceMailboxes.ADDRESS,
				"formgate.newsletter.bounces.password=" + BounceMailboxes.ADDRESS,
				"formgate.newsletter.campaigns.sending.sweep-interval=300ms",
				"formgate.newsletter.relay.poll-interval=50ms", "formgate.privacy.relay.poll-interval=50ms" })
@EmbeddedKafka(partitions = 3, topics = { Topics.NEWSLETTER_EVENTS, Topics.PRIVACY_REQUESTS, Topics.PRIVACY_OUTCOMES,
		Topics.PRIVACY_INVENTORY },
		bootstrapServersProperty = "spring.cloud.stream.kafka.binder.brokers")
@Import(TestInfrastructure.class)
public @interface NewsletterServiceTest {

	/** The transport key the erasure-service would share; tests seal and open with it as the ledger does. */
	String TRANSPORT_KEY = "test-transport-key-with-at-least-32-bytes";
}
