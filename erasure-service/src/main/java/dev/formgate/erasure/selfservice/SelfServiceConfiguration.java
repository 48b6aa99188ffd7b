package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.ledger.LedgerProperties;
import dev.formgate.events.SubjectRefs;
import dev.formgate.mail.InboxCooldowns;
import dev.formgate.outbox.CloudEventsPublisher;
import dev.formgate.outbox.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;

/** How self-service requests reach the person's inbox, the one-mail-per-inbox cooldown, and their purge. */
@Configuration(proxyBeanMethods = false)
class SelfServiceConfiguration {

	static final String COOLDOWNS = "verification_cooldowns";

	private static final Logger log = LoggerFactory.getLogger(SelfServiceConfiguration.class);

	/** One verification mail per inbox within the cooldown, whichever variant of the address was posted. */
	@Bean
	InboxCooldowns verificationCooldowns(MongoTemplate mongo, SubjectRefs subjectRefs) {
		return new InboxCooldowns(mongo, subjectRefs, COOLDOWNS);
	}

	/** The requests' verification mails, with the ledger's relay settings; they record no events. */
	@Bean
	OutboxRelay<SelfServiceRequest> selfServiceRelay(SelfServiceRequests requests, CloudEventsPublisher events,
			SelfServiceMails mails, LedgerProperties ledger, Clock clock) {
		return OutboxRelay.builder("self-service-relay", requests, events, clock, ledger.relay())
			.mails(mails, mails)
			.build();
	}

	/** Deletes requests whose link expired and cooldowns that are over; logged by count only. */
	@Bean
	Purge selfServicePurge(SelfService selfService) {
		return new Purge(selfService);
	}

	static class Purge {

		private final SelfService selfService;

		Purge(SelfService selfService) {
			this.selfService = selfService;
		}

		@Scheduled(initialDelayString = "${formgate.erasure.self-service.purge-interval:10m}",
				fixedDelayString = "${formgate.erasure.self-service.purge-interval:10m}")
		void run() {
			try {
				long purged = selfService.purge();
				if (purged > 0) {
					log.info("Retention: {} expired self-service requests deleted", purged);
				}
			}
			catch (RuntimeException e) {
				log.warn("Self-service purge failed ({}), will run again", e.getClass().getSimpleName());
			}
		}
	}
}
