package dev.formgate.gateway.privacy;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.events.Topics;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Announces what personal data the gateway holds on the compacted {@code privacy.inventory}, once the broker takes
 * it (retried in the background; the gateway serves meanwhile). The gateway does not answer data-subject requests:
 * its only personal data, full client addresses in the security log, is deleted by rotation after days, and an
 * erasure names an e-mail address, not an IP.
 */
@Component
class InventoryAnnouncement {

	static final String STORE = "gateway";
	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
	private static final Duration LAST_RETRY = Duration.ofMinutes(5);
	private static final Logger log = LoggerFactory.getLogger(InventoryAnnouncement.class);

	private final String bootstrapServers;
	private final int securityLogDays;
	private final JsonMapper json;
	private final Clock clock;
	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
			Thread.ofVirtual().name("inventory-announcement").factory());
	private KafkaProducer<byte[], byte[]> producer;

	InventoryAnnouncement(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
			@Value("${formgate.gateway.security-log.max-history}") int securityLogDays, JsonMapper json, Clock clock) {
		this.bootstrapServers = bootstrapServers;
		this.securityLogDays = securityLogDays;
		this.json = json;
		this.clock = clock;
	}

	StoreRegistered inventory() {
		return new StoreRegistered(STORE, false, List.of(
				new Category("security log (file)", List.of("client IP address", "time", "method", "path", "status"),
						"Investigating abuse and attacks on the forms",
						"Aufklärung von Missbrauch und Angriffen auf die Formulare", "Art. 6(1)(f) GDPR",
						"P" + securityLogDays + "D, then deleted by log rotation", List.of()),
				new Category("rate-limit buckets (memory)", List.of("client IP address", "network block"),
						"Limiting automated form submissions", "Begrenzung automatisierter Formularübermittlungen",
						"Art. 6(1)(f) GDPR", "until the bucket is full again, at most one limit period", List.of())),
				clock.instant());
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
				ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000), new ByteArraySerializer(), new ByteArraySerializer());
		retries.execute(() -> attempt(FIRST_RETRY));
	}

	/** Sends; on failure tries again later, twice as late each time up to five minutes (the broker may be down). */
	private void attempt(Duration wait) {
		try {
			producer.send(record(inventory()), (metadata, error) -> {
				if (error == null) {
					log.info("Announced the gateway's inventory");
				}
				else {
					retryLater(wait, error);
				}
			});
		}
		catch (RuntimeException e) {
			retryLater(wait, e);
		}
	}

	private void retryLater(Duration wait, Exception cause) {
		log.warn("Inventory not announced yet ({}); retrying in {}", cause.getClass().getSimpleName(), wait);
		Duration next = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
		if (!retries.isShutdown()) {
			retries.schedule(() -> attempt(next), wait.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@PreDestroy
	void stop() {
		retries.shutdownNow();
		if (producer != null) {
			producer.close(Duration.ofSeconds(2));
		}
	}

	private ProducerRecord<byte[], byte[]> record(StoreRegistered event) {
		var record = new ProducerRecord<>(Topics.PRIVACY_INVENTORY, bytes(STORE), json.writeValueAsBytes(event));
		record.headers()
			.add(CloudEvents.ID, bytes(UUID.randomUUID().toString()))
			.add(CloudEvents.SOURCE, bytes("/formgate/gateway"))
			.add(CloudEvents.TYPE, bytes(CloudEvents.typeOf(StoreRegistered.class)))
			.add(CloudEvents.SPECVERSION, bytes(CloudEvents.SPEC_VERSION))
			.add(CloudEvents.TIME, bytes(event.occurredAt().toString()))
			.add(CloudEvents.DATA_CONTENT_TYPE, bytes("application/json"));
		return record;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}
}
