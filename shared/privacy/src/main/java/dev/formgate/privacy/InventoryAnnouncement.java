package dev.formgate.privacy;

import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.outbox.CloudEventsPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Announces the store's inventory on the compacted {@code privacy.inventory} topic, keyed by the store's name, at every
 * start. In the background and until the broker takes it: a store must start even while Kafka is away, and the
 * registry must learn of it once Kafka is back. Only once the application is ready: binding the output while the
 * context still starts can block the sender.
 */
public final class InventoryAnnouncement implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(InventoryAnnouncement.class);

	private final PrivacyProperties properties;
	private final CloudEventsPublisher inventory;
	private final Clock clock;

	private final ScheduledExecutorService attempts = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("inventory-announcement").daemon().factory());

	public InventoryAnnouncement(PrivacyProperties properties, CloudEventsPublisher inventory, Clock clock) {
		this.properties = properties;
		this.inventory = inventory;
		this.clock = clock;
	}

	/** What this store announces. */
	public StoreRegistered registration() {
		return new StoreRegistered(properties.store(), true, properties.inventory(), clock.instant());
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent ready) {
		attempts.execute(() -> announce(Duration.ofSeconds(1)));
	}

	/** One try; a failed one is tried again later, twice as late each time up to the relay's longest backoff. */
	private void announce(Duration wait) {
		try {
			StoreRegistered registered = registration();
			inventory.publish(registered.store(), UUID.randomUUID().toString(), registered, registered.occurredAt());
			log.info("Announced the inventory of {}: {} categories", registered.store(),
					registered.categories().size());
		}
		catch (RuntimeException e) {
			log.warn("Announcing the inventory failed ({}), retrying in {}", e.getClass().getSimpleName(), wait);
			Duration longest = properties.relay().maxBackoff();
			Duration next = wait.multipliedBy(2).compareTo(longest) > 0 ? longest : wait.multipliedBy(2);
			if (!attempts.isShutdown()) {
				attempts.schedule(() -> announce(next), wait.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	@Override
	public void destroy() {
		attempts.shutdownNow();
	}
}
