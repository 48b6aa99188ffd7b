package dev.formgate.erasure.ledger;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * Binding {@code outcomes-in-0}: the stores' answers on {@code privacy.outcomes}. A record of another type fails
 * (and is dead-lettered); an answer already recorded is a duplicate the ledger drops.
 */
@Configuration(proxyBeanMethods = false)
class OutcomeBinding {

	private static final String TYPE = CloudEvents.typeOf(StoreOutcomeReported.class);

	@Bean
	Consumer<Message<StoreOutcomeReported>> outcomes(Ledger ledger) {
		return message -> {
			if (!TYPE.equals(CloudEvents.attribute(message.getHeaders(), "type"))) {
				throw new IllegalArgumentException("not a StoreOutcomeReported event");
			}
			ledger.record(message.getPayload());
		};
	}
}
