package dev.formgate.erasure.privacy;

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
 * What personal data erasure-service holds itself, announced on {@code privacy.inventory} with the shared
 * announcement, so that the record of processing (Art. 30) lists it beside the stores. It answers no data-subject
 * request: the ledger is the proof that requests were carried out (Art. 5(2)) and names people by subjectRef only, and
 * a "Meine Daten" request's address is gone once the person confirmed it.
 */
@Configuration(proxyBeanMethods = false)
class ErasureInventory {

	static final String STORE = "erasure-service";

	@Bean
	KafkaEventSender ownInventorySender(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
		return new KafkaEventSender(brokers, Topics.PRIVACY_INVENTORY, "/formgate/erasure-service");
	}

	@Bean
	InventoryAnnouncement ownInventory(KafkaEventSender ownInventorySender, Periods periods, Clock clock) {
		return new InventoryAnnouncement(() -> inventory(periods, clock), ownInventorySender, Duration.ofMinutes(5));
	}

	@Bean
	Periods inventoryPeriods(@Value("${formgate.erasure.export.retention:30d}") String exportRetention,
			@Value("${formgate.erasure.self-service.link-validity:24h}") String linkValidity,
			@Value("${formgate.erasure.self-service.status-period:60d}") String statusPeriod,
			@Value("${formgate.erasure.self-service.cooldown:15m}") String cooldown) {
		return new Periods(exportRetention, linkValidity, statusPeriod, cooldown);
	}

	/** The configured periods, as written in the configuration. */
	record Periods(String exportRetention, String linkValidity, String statusPeriod, String cooldown) {
	}

	static StoreRegistered inventory(Periods periods, Clock clock) {
		return new StoreRegistered(STORE, false, List.of(
				new Category("privacy_requests",
						List.of("subjectRef", "request type, purpose, how it was received and verified, note",
								"dates, deadline, extensions, review", "each store's outcome and counts",
								"access export sealed with the transport key",
								"corrected address sealed with the transport key, while a store may still need it"),
						"Carrying out data-subject requests across every store and proving it",
						"Durchführung von Anträgen betroffener Personen in allen Speichern und deren Nachweis",
						"Art. 6(1)(c) GDPR with Art. 5(2) and 12-21 GDPR",
						"the request as proof of its answer; the sealed export " + periods.exportRetention()
								+ " after the first download, or until the person's erasure goes out",
						List.of("the person, through their own status link (self-service)")),
				new Category("self_service_requests",
						List.of("e-mail address until the person confirmed", "corrected address until filed",
								"subjectRef (of the address, or of the comment for a request through its private link)",
								"hash of the link's secret", "request type, purpose, language",
								"dates", "the ledger's request id"),
						"Verifying a request made on the \"Meine Daten\" page through the person's mailbox (or"
								+ " through a comment's private link), and showing them its progress and result",
						"Prüfung eines Antrags auf der Seite „Meine Daten“ über das Postfach der Person (oder über den"
								+ " privaten Link zu einem Kommentar), und ihr den Stand und das Ergebnis zeigen",
						"Art. 6(1)(c) GDPR with Art. 12(2) and 12(6) GDPR",
						periods.linkValidity() + " if not confirmed; " + periods.statusPeriod() + " after filing",
						List.of("the person's inbox, through the operator's SMTP relay")),
				new Category("verification_cooldowns",
						List.of("subjectRef of the plain inbox address (without +tag)", "end of the cooldown"),
						"One verification mail per inbox within the cooldown (protection against mail bombing)",
						"Höchstens eine Bestätigungsmail je Postfach innerhalb der Sperrfrist (Schutz vor Mail-Bombing)",
						"Art. 6(1)(f) GDPR (protecting the inbox's owner from unrequested mails)",
						periods.cooldown() + ", or until a link is confirmed", List.of())),
				clock.instant());
	}
}
