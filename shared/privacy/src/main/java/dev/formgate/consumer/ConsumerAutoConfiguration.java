package dev.formgate.consumer;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * In every service with the Kafka binder and MongoDB: safe dead letters for every binding with {@code enable-dlq},
 * the processed-event ids, and (in servlet services) the dead-letter admin API.
 */
@AutoConfiguration
@ConditionalOnClass({ ListenerContainerWithDlqAndRetryCustomizer.class, MongoTemplate.class })
@EnableConfigurationProperties(ConsumerProperties.class)
public class ConsumerAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ConsumerAutoConfiguration.class);
	private static final String BINDER = "spring.cloud.stream.kafka.binder";

	/**
	 * For dead letters and replays: the binder's brokers and producer settings (idempotence, timeouts). Read from the
	 * environment, as the binder's own properties live in its child context.
	 */
	@Bean
	KafkaTemplate<byte[], byte[]> deadLetterTemplate(Environment environment) {
		Map<String, Object> config = new HashMap<>(Binder.get(environment)
			.bind(BINDER + ".producer-properties", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of()));
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(environment));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		var factory = new DefaultKafkaProducerFactory<byte[], byte[]>(config);
		factory.setBeanName("deadLetterProducerFactory");
		return new KafkaTemplate<>(factory);
	}

	@Bean
	SafeDeadLetters safeDeadLetters(KafkaTemplate<byte[], byte[]> deadLetterTemplate) {
		return new SafeDeadLetters(deadLetterTemplate);
	}

	@Bean
	ProcessedEvents processedEvents(MongoTemplate mongo, ObjectProvider<Clock> clock) {
		return new ProcessedEvents(mongo, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	DeadLetters deadLetters(SafeDeadLetters bindings, Environment environment,
			KafkaTemplate<byte[], byte[]> deadLetterTemplate, MongoTemplate mongo, ConsumerProperties properties,
			ObjectProvider<Clock> clock) {
		return new DeadLetters(bindings, brokers(environment), deadLetterTemplate, mongo, properties,
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	Purge consumerPurge(ProcessedEvents processed, DeadLetters deadLetters, ConsumerProperties properties,
			ObjectProvider<Clock> clock) {
		return new Purge(processed, deadLetters, properties, clock.getIfAvailable(Clock::systemUTC));
	}

	private static String brokers(Environment environment) {
		return environment.getProperty(BINDER + ".brokers", "localhost:9092");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class AdminApi {

		@Bean
		DeadLetterApi deadLetterApi(DeadLetters deadLetters) {
			return new DeadLetterApi(deadLetters);
		}
	}

	/** Forgets processed event ids and replay markers after {@code processed-events-retention}. */
	static final class Purge {

		private final ProcessedEvents processed;
		private final DeadLetters deadLetters;
		private final ConsumerProperties properties;
		private final Clock clock;

		Purge(ProcessedEvents processed, DeadLetters deadLetters, ConsumerProperties properties, Clock clock) {
			this.processed = processed;
			this.deadLetters = deadLetters;
			this.properties = properties;
			this.clock = clock;
		}

		@Scheduled(initialDelayString = "${formgate.consumer.purge-interval:1h}",
				fixedDelayString = "${formgate.consumer.purge-interval:1h}")
		void run() {
			try {
				var olderThan = clock.instant().minus(properties.processedEventsRetention());
				long ids = processed.purge(olderThan);
				long replays = deadLetters.purge(olderThan);
				if (ids + replays > 0) {
					log.info("Forgot {} processed event ids and {} replay markers", ids, replays);
				}
			}
			catch (RuntimeException e) {
				log.warn("Purging processed event ids failed ({}), will run again", e.getClass().getSimpleName());
			}
		}
	}
}
