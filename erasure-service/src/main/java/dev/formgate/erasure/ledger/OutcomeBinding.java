package dev.formgate.erasure.ledger;

import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/** Binding {@code outcomes-in-0}: the stores' answers on {@code privacy.outcomes}. */
@Configuration(proxyBeanMethods = false)
class OutcomeBinding {

	@Bean
	Consumer<StoreOutcomeReported> outcomes(Ledger ledger) {
		return ledger::record;
	}
}
