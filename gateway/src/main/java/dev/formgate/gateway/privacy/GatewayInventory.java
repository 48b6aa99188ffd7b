package dev.formgate.gateway.privacy;

import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.events.Topics;
import dev.formgate.outbox.KafkaEventSender;
import dev.formgate.privacy.InventoryAnnouncement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What personal data the gateway holds, announced on {@code privacy.inventory} with the shared announcement (retried
 * in the background until the broker takes it; the gateway serves meanwhile), through a plain producer: the gateway has
 * no binder. The gateway does not answer data-subject requests: its only personal data, full client addresses in the
 * security log, is deleted by rotation after days, and an erasure names an e-mail address, not an IP.
 */
@Configuration(proxyBeanMethods = false)
class GatewayInventory {

	static final String STORE = "gateway";

	@Bean
	KafkaEventSender inventorySender(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		return new KafkaEventSender(bootstrapServers, Topics.PRIVACY_INVENTORY, "/formgate/gateway");
	}

	@Bean
	InventoryAnnouncement inventoryAnnouncement(KafkaEventSender inventorySender,
			@Value("${formgate.gateway.security-log.max-history}") int securityLogDays, Clock clock) {
		return new InventoryAnnouncement(() -> inventory(securityLogDays, clock), inventorySender,
				Duration.ofMinutes(5));
	}

	static StoreRegistered inventory(int securityLogDays, Clock clock) {
		return new StoreRegistered(STORE, false, List.of(
				new Category("security log (file)", List.of("client IP address", "time", "method", "path", "status"),
						"Investigating abuse and attacks on the forms",
						"Aufklärung von Missbrauch und Angriffen auf die Formulare", "Art. 6(1)(f) GDPR",
						"P" + securityLogDays + "D, then deleted by log rotation", List.of()),
				new Category("rate-limit buckets (the gateway's MongoDB, shared by its instances)",
						List.of("client IP address", "network block"), "Limiting automated form submissions",
						"Begrenzung automatisierter Formularübermittlungen", "Art. 6(1)(f) GDPR", "until the bucket is full again, at most one limit period", List.of())),
				clock.instant());
	}
}
