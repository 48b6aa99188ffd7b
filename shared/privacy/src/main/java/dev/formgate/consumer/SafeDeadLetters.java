package dev.formgate.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Takes retries and dead-lettering out of the binder and into the listener container, where the dead letter's headers
 * can be chosen ({@link SafeDeadLetterRecoverer}); the binder's own dead letters carry the exception message and
 * stack trace. Each binding with {@code enable-dlq} retries {@code max-attempts} times with the binding's exponential
 * back-off ({@code back-off-initial-interval}, {@code -multiplier}, {@code -max-interval}, with jitter), then
 * dead-letters to
 * {@code dlq-name} or {@code error.<destination>.<group>}. {@code max-attempts} must be at least 2 (checked at start):
 * with 1, the binder keeps dead-lettering to itself.
 */
final class SafeDeadLetters implements ListenerContainerWithDlqAndRetryCustomizer {

	private static final Logger log = LoggerFactory.getLogger(SafeDeadLetters.class);

	private final KafkaOperations<?, ?> template;
	/** Dead-letter topic → original topic, for the admin API. */
	private final Map<String, String> topics = new ConcurrentHashMap<>();

	SafeDeadLetters(KafkaOperations<?, ?> template) {
		this.template = template;
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
		configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
			ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
		if (properties != null && properties.getExtension().isEnableDlq() && properties.getMaxAttempts() < 2) {
			// The binder would dead-letter by itself, with the exception's message and stack trace in the headers.
			throw new IllegalStateException("The consumer binding of " + destinationName
					+ " needs max-attempts of at least 2 for dead letters without personal data");
		}
		if (backOff instanceof ExponentialBackOff exponential) {
			// ± half the first interval, so consumers failing together (a store outage) do not retry in step.
			exponential.setJitter(exponential.getInitialInterval() / 2);
		}
		BackOff retries = backOff == null ? new FixedBackOff(0, 0) : backOff;
		DefaultErrorHandler handler;
		if (dlqDestinationResolver == null) {
			// No enable-dlq (every binding of Formgate has it): retried, then skipped with a safe log line.
			handler = new DefaultErrorHandler((record, exception) -> log.warn(
					"Record {}-{}@{} failed every attempt ({}); skipped, the binding has no dead-letter topic",
					record.topic(), record.partition(), record.offset(),
					SafeDeadLetterRecoverer.rootCause(exception).getClass().getName()), retries);
		}
		else {
			String configured = properties == null ? null : properties.getExtension().getDlqName();
			String deadLetterTopic = StringUtils.hasText(configured) ? configured
					: "error." + destinationName + "." + group;
			topics.put(deadLetterTopic, destinationName);
			handler = new DefaultErrorHandler(new SafeDeadLetterRecoverer(template, deadLetterTopic), retries);
		}
		// Its log lines carry the exception's message, which may quote the payload; the recoverer logs safely.
		handler.setLogLevel(KafkaException.Level.DEBUG);
		// Unreadable JSON stays unreadable: straight to the dead letters, no retries.
		handler.addNotRetryableExceptions(JacksonException.class);
		container.setCommonErrorHandler(handler);
	}

	/** The dead-letter topics of this service's bindings. */
	Set<String> deadLetterTopics() {
		return Set.copyOf(topics.keySet());
	}

	String originalTopic(String deadLetterTopic) {
		return topics.get(deadLetterTopic);
	}
}
