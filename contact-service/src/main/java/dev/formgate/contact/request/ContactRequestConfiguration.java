package dev.formgate.contact.request;

import dev.formgate.contact.mail.ContactMails;
import dev.formgate.events.SubjectRefs;
import dev.formgate.mail.InboxCooldowns;
import dev.formgate.outbox.CloudEventsPublisher;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.privacy.Restrictions;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** How contact requests reach the outside world: their events on {@code contact.events}, their mails over SMTP. */
@Configuration(proxyBeanMethods = false)
class ContactRequestConfiguration {

	/**
	 * Contact events, keyed by subjectRef. The binding is synchronous: a send returns once the broker acknowledged the
	 * record (acks=all), so the outbox entry may go.
	 */
	@Bean
	CloudEventsPublisher contactEvents(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		return new CloudEventsPublisher(bridge, breakers.circuitBreaker("kafka"), "contactEvents-out-0",
				"/formgate/contact-service");
	}

	/**
	 * One acknowledgement per inbox within the cooldown, whichever variant of the address was posted: the sender's
	 * address is not confirmed, so the form must not fill an inbox with acknowledgements (docs/privacy.md).
	 */
	@Bean
	InboxCooldowns acknowledgementCooldowns(MongoTemplate mongo, SubjectRefs subjectRefs) {
		return new InboxCooldowns(mongo, subjectRefs, ContactRequestService.ACKNOWLEDGEMENT_COOLDOWNS);
	}

	/**
	 * Hands what requests owe to Kafka and SMTP. Events go out even while the sender is restricted (they carry no
	 * personal data); the mails of requests the restriction covers are held until it is lifted (a request sent while
	 * restricted is the person's consent to process it: {@link ContactRequest#isRestrictedBy}).
	 */
	@Bean
	OutboxRelay<ContactRequest> contactRequestRelay(ContactRequests requests, CloudEventsPublisher events,
			ContactRequestMails composer, ContactMails mails, Restrictions restrictions, ContactProperties properties,
			Clock clock) {
		return OutboxRelay.builder("contact-request-relay", requests, events, clock, properties.relay())
			.mails(composer, mails)
			.holdingMailsOf(owing -> restrictions.restrictedOf(owing, ContactRequest::subjectRef,
					ContactRequest::isRestrictedBy, ContactRequest::id))
			.build();
	}
}
