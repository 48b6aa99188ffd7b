package dev.formgate.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;

import java.nio.charset.StandardCharsets;

/**
 * Publishes a record that failed every attempt to its binding's dead-letter topic with only the headers
 * {@link DeadLetterHeaders} keeps: coordinates of the original, the exception's class and its root cause's class,
 * and the CloudEvents attributes needed to replay it. The value stays as it was (a replay needs it); the admin API
 * never shows it.
 */
final class SafeDeadLetterRecoverer extends DeadLetterPublishingRecoverer {

	private static final Logger log = LoggerFactory.getLogger(SafeDeadLetterRecoverer.class);

	SafeDeadLetterRecoverer(KafkaOperations<?, ?> template, String deadLetterTopic) {
		// Partition chosen by the key: the dead-letter topic may have fewer partitions than the original.
		super(template, (record, exception) -> new TopicPartition(deadLetterTopic, -1));
		setExceptionHeadersCreator((headers, exception, isKey, names) -> {
			headers.add(names.getExceptionInfo().getExceptionFqcn(), bytes(informative(exception).getClass().getName()));
			headers.add(names.getExceptionInfo().getExceptionCauseFqcn(), bytes(rootCause(exception).getClass().getName()));
		});
		setFailIfSendResultIsError(true);
	}

	@Override
	protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
			TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
		log.warn("Record {}-{}@{} failed every attempt ({}); moved to dead-letter topic {}", record.topic(),
				record.partition(), record.offset(), causeOf(headers), topicPartition.topic());
		return new ProducerRecord<>(topicPartition.topic(), null, DeadLetterHeaders.key(record.key()),
				value != null ? value : record.value(), DeadLetterHeaders.kept(headers));
	}

	private static String causeOf(Headers headers) {
		String cause = DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_CAUSE);
		return cause == null ? "unknown cause" : cause;
	}

	/** The listener container and the binder wrap the interesting exception; skip their wrappers. */
	static Throwable informative(Throwable exception) {
		Throwable current = exception;
		while ((current instanceof ListenerExecutionFailedException || current instanceof MessagingException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	static Throwable rootCause(Throwable exception) {
		Throwable current = exception;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}
}
