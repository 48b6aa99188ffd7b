package dev.formgate.erasure.ledger;

import dev.formgate.erasure.ledger.PrivacyRequests.TypeAndState;
import dev.formgate.observability.CachedValue;
import dev.formgate.observability.ObservabilityProperties;
import dev.formgate.observability.OutboxGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * The ledger as gauges, read at most once per {@code formgate.observability.gauge-refresh}: requests by type and
 * state (every pair of the two fixed enums, so the series stay put), overdue requests, and events owed to Kafka.
 */
@Configuration(proxyBeanMethods = false)
class LedgerGauges {

	@Bean
	MeterBinder privacyRequestGauges(PrivacyRequests requests, ObservabilityProperties observability,
			Clock clock) {
		var counts = new CachedValue<Map<TypeAndState, Long>>(requests::countByTypeAndState, Map.of(),
				observability.gaugeRefresh());
		var overdue = new CachedValue<>(() -> requests.count(new PrivacyRequestFilter(null, null, true),
				clock.instant()), 0L, observability.gaugeRefresh());
		return registry -> {
			for (RequestType type : RequestType.values()) {
				for (RequestState state : RequestState.values()) {
					var key = new TypeAndState(type, state);
					Gauge.builder("formgate.privacy.requests", counts, c -> c.get().getOrDefault(key, 0L))
						.description("Data-subject requests in the ledger, by type and state")
						.tag("type", type.name().toLowerCase(Locale.ROOT))
						.tag("state", state.name().toLowerCase(Locale.ROOT))
						.register(registry);
				}
			}
			Gauge.builder("formgate.privacy.requests.overdue", overdue, o -> o.get())
				.description("Open data-subject requests past their deadline (Art. 12(3))")
				.register(registry);
		};
	}

	/** formgate.outbox.events: request events the ledger still owes Kafka. */
	@Bean
	OutboxGauges outboxGauges(MongoTemplate mongo, ObservabilityProperties observability) {
		return new OutboxGauges(mongo, "privacy_requests", false, observability.gaugeRefresh());
	}
}
