package dev.formgate.erasure.registry;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * Binding {@code inventory-in-0}: the compacted {@code privacy.inventory}, read from the earliest offset so the
 * registry learns every store that ever announced itself. A record of another type fails (and is dead-lettered);
 * the same announcement again changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class InventoryBinding {

	private static final String TYPE = CloudEvents.typeOf(StoreRegistered.class);

	@Bean
	Consumer<Message<StoreRegistered>> inventory(Registry registry) {
		return message -> {
			if (!TYPE.equals(CloudEvents.attribute(message.getHeaders(), "type"))) {
				throw new IllegalArgumentException("not a StoreRegistered event");
			}
			registry.register(message.getPayload());
		};
	}
}
