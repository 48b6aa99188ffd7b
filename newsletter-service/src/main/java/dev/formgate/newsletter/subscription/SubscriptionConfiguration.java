package dev.formgate.newsletter.subscription;

import dev.formgate.events.SubjectRefs;
import dev.formgate.mail.InboxCooldowns;
import dev.formgate.newsletter.mail.NewsletterMails;
import dev.formgate.observability.ObservabilityProperties;
import dev.formgate.observability.OutboxGauges;
import dev.formgate.outbox.CloudEventsPublisher;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.privacy.Restrictions;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

	@Bean
	Tokens tokens(SubscriptionProperties properties) {
		return new Tokens(properties.linkSecret());
	}

	/**
	 * One confirmation mail per inbox and list within the cooldown, whichever variant of the address was posted
	 * (docs/privacy.md, "One inbox, one mail"). Scope: the list.
	 */
	@Bean
	InboxCooldowns confirmationCooldowns(MongoTemplate mongo, SubjectRefs subjectRefs) {
		return new InboxCooldowns(mongo, subjectRefs, "confirmation_cooldowns");
	}

	/**
	 * Newsletter events on {@code newsletter.events}, keyed by subjectRef. The binding is synchronous: a send returns
	 * once the broker acknowledged the record (acks=all), so the outbox entry may go.
	 */
	@Bean
	CloudEventsPublisher newsletterEvents(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		return new CloudEventsPublisher(bridge, breakers.circuitBreaker("kafka"), "newsletterEvents-out-0",
				"/formgate/newsletter-service");
	}

	/**
	 * Hands what subscriptions owe to Kafka and SMTP. Events go out even while the subject is restricted (they carry
	 * no personal data); mails the restriction covers are held until it is lifted ({@link Subscription#isRestrictedBy}).
	 */
	@Bean
	OutboxRelay<Subscription> subscriptionRelay(Subscriptions subscriptions, CloudEventsPublisher events,
			SubscriptionMails composer, NewsletterMails mails, Restrictions restrictions,
			SubscriptionProperties properties, Clock clock) {
		return OutboxRelay.builder("subscription-relay", subscriptions, events, clock, properties.relay())
			.mails(composer, mails)
			.holdingMailsOf(owing -> restrictions.restrictedOf(owing, Subscription::subjectRef,
					Subscription::isRestrictedBy, Subscription::id))
			.build();
	}

	/** formgate.outbox.mails and formgate.outbox.events: what the subscriptions still owe SMTP and Kafka. */
	@Bean
	OutboxGauges outboxGauges(MongoTemplate mongo, ObservabilityProperties observability) {
		return new OutboxGauges(mongo, Subscriptions.COLLECTION, true, observability.gaugeRefresh());
	}
}
