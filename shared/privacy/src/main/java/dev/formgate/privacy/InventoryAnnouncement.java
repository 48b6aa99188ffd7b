package dev.formgate.privacy;

import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.outbox.EventSender;
import dev.formgate.outbox.OutboxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Announces what personal data an application holds on the compacted {@code privacy.inventory} topic, keyed by its
 * name, at every start: each store (through the binder, {@link StorePrivacyConfiguration}) and the gateway (through a
 * plain producer). In the background and until the broker takes it: an application must start even while Kafka is
 * away, and the registry must learn of it once Kafka is back. Only once the application is ready: binding the output
 * while the context still starts can block the sender.
 */
public final class InventoryAnnouncement implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(InventoryAnnouncement.class);

	private final Supplier<StoreRegistered> registration;
	private final EventSender inventory;
	private final Duration longestWait;

	private final ScheduledExecutorService attempts = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("inventory-announcement").daemon().factory());

	/**
	 * @param registration what is announced, as of now
	 * @param inventory sends to {@code privacy.inventory}
	 * @param longestWait the longest pause between two tries
	 */
	public InventoryAnnouncement(Supplier<StoreRegistered> registration, EventSender inventory, Duration longestWait) {
		this.registration = registration;
		this.inventory = inventory;
		this.longestWait = longestWait;
	}

	/** What this application announces. */
	public StoreRegistered registration() {
		return registration.get();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent ready) {
		attempts.execute(() -> announce(Duration.ofSeconds(1)));
	}

	/** One try; a failed one is tried again later, twice as late each time up to the longest wait. */
	private void announce(Duration wait) {
		try {
			StoreRegistered registered = registration();
			inventory.send(OutboxEvent.of(registered.store(), registered, registered.occurredAt()));
			log.info("Announced the inventory of {}: {} categories", registered.store(),
					registered.categories().size());
		}
		catch (RuntimeException e) {
			log.warn("Announcing the inventory failed ({}), retrying in {}", e.getClass().getSimpleName(), wait);
			Duration next = wait.multipliedBy(2).compareTo(longestWait) > 0 ? longestWait : wait.multipliedBy(2);
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
