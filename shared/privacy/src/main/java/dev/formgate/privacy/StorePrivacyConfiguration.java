package dev.formgate.privacy;

import dev.formgate.consumer.ProcessedEvents;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.outbox.CloudEventsPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * What a store imports to take part in data-subject requests; it provides a {@link PrivacyStore} bean (the service
 * starter provides the {@code TransportSeal}) and binds {@value #REQUESTS}-in-0, {@value #OUTCOMES} and
 * {@value #INVENTORY} in its application.yml.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class StorePrivacyConfiguration {

	/** The consumer function's name; its input binding is {@code privacyRequests-in-0}. */
	public static final String REQUESTS = "privacyRequests";
	public static final String OUTCOMES = "privacyOutcomes-out-0";
	public static final String INVENTORY = "privacyInventory-out-0";

	@Bean
	Restrictions restrictions(MongoTemplate mongo) {
		return new Restrictions(mongo);
	}

	@Bean
	PrivacyAnswers privacyAnswers(PrivacyProperties properties, PrivacyStore store, MongoTemplate mongo,
			JsonMapper json, StreamBridge bridge, CircuitBreakerRegistry breakers, ProcessedEvents processedEvents,
			Clock clock) {
		return new PrivacyAnswers(properties, store, mongo, json, publisher(bridge, breakers, OUTCOMES, properties),
				processedEvents, clock);
	}

	@Bean(REQUESTS)
	Consumer<Message<byte[]>> privacyRequests(PrivacyAnswers answers) {
		return answers::accept;
	}

	@Bean
	InventoryAnnouncement inventoryAnnouncement(PrivacyProperties properties, StreamBridge bridge,
			CircuitBreakerRegistry breakers, Clock clock) {
		return new InventoryAnnouncement(
				() -> new StoreRegistered(properties.store(), true, properties.inventory(), clock.instant(),
						properties.legalHolds()),
				publisher(bridge, breakers, INVENTORY, properties), properties.relay().maxBackoff());
	}

	private static CloudEventsPublisher publisher(StreamBridge bridge, CircuitBreakerRegistry breakers,
			String binding, PrivacyProperties properties) {
		return new CloudEventsPublisher(bridge, breakers.circuitBreaker("kafka"), binding,
				"/formgate/" + properties.store());
	}
}
