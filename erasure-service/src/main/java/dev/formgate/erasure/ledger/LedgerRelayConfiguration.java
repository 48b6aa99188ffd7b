package dev.formgate.erasure.ledger;

import dev.formgate.outbox.CloudEventsPublisher;
import dev.formgate.outbox.OutboxRelay;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * How the ledger's requests reach the stores: each emission on {@code privacy.requests}, keyed by subjectRef so one
 * subject's requests stay in order; the relay also comes back for the stores' deadlines (ask again, give up).
 */
@Configuration(proxyBeanMethods = false)
class LedgerRelayConfiguration {

	/** Synchronous binding: a send returns once the broker acknowledged the record (acks=all). */
	@Bean
	CloudEventsPublisher privacyRequestEvents(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		return new CloudEventsPublisher(bridge, breakers.circuitBreaker("kafka"), "privacyRequests-out-0",
				"/formgate/erasure-service");
	}

	@Bean
	OutboxRelay<PrivacyRequest> privacyRequestRelay(PrivacyRequests requests, CloudEventsPublisher events,
			LedgerProperties settings, Clock clock) {
		return OutboxRelay.builder("privacy-request-relay", requests, events, clock, settings.relay()).build();
	}
}
