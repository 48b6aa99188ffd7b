package dev.formgate.erasure.registry;

import dev.formgate.events.InventoryEvent.StoreRegistered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/**
 * Binding {@code inventory-in-0}: the compacted {@code privacy.inventory}, read from the earliest offset so the
 * registry learns every store that ever announced itself.
 */
@Configuration(proxyBeanMethods = false)
class InventoryBinding {

	@Bean
	Consumer<StoreRegistered> inventory(Registry registry) {
		return registry::register;
	}
}
