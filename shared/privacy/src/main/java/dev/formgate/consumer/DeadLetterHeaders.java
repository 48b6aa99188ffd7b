package dev.formgate.consumer;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The only headers a dead letter keeps. Exception messages and stack traces are never written: parsers quote the
 * input they failed on, so they can carry an address. Headers copied from the failed record are kept only by name and
 * only with values that look like identifiers (no spaces, no {@code @}); the key likewise, else it is dropped.
 */
final class DeadLetterHeaders {

	static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
	static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
	static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
	static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
	static final String EXCEPTION = "kafka_dlt-exception-fqcn";
	static final String EXCEPTION_CAUSE = "kafka_dlt-exception-cause-fqcn";

	/** Written by the recoverer from the record's coordinates and the exception's class: safe by construction. */
	private static final Set<String> GENERATED = Set.of(ORIGINAL_TOPIC, ORIGINAL_PARTITION, ORIGINAL_OFFSET,
			ORIGINAL_TIMESTAMP, "kafka_dlt-original-timestamp-type", "kafka_dlt-original-consumer-group", EXCEPTION,
			EXCEPTION_CAUSE);

	/** Copied from the failed record (needed to replay it) if their values are identifier-like. */
	static final List<String> COPIED = List.of("ce_id", "ce_type", "ce_source", "ce_specversion", "ce_time",
			"contentType", "content-type");

	private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,200}");

	private DeadLetterHeaders() {
	}

	/** The safe subset of a dead letter's headers. */
	static Headers kept(Headers headers) {
		RecordHeaders kept = new RecordHeaders();
		for (Header header : headers) {
			if (GENERATED.contains(header.key()) || (COPIED.contains(header.key()) && safe(header.value()))) {
				kept.add(header);
			}
		}
		return kept;
	}

	/** The headers of a dead letter a replay sends on: the copied ones, as the producer wrote them. */
	static Headers replayed(Headers headers) {
		RecordHeaders replayed = new RecordHeaders();
		for (Header header : headers) {
			if (COPIED.contains(header.key()) && safe(header.value())) {
				replayed.add(header);
			}
		}
		return replayed;
	}

	/** The key if it looks like a subjectRef or a store name, else none. */
	static byte[] key(Object key) {
		return key instanceof byte[] bytes && safe(bytes) && !new String(bytes, StandardCharsets.UTF_8).contains(":")
				? bytes : null;
	}

	static boolean safe(byte[] value) {
		return value != null && SAFE_VALUE.matcher(new String(value, StandardCharsets.UTF_8)).matches();
	}

	static String text(Headers headers, String key) {
		Header header = headers.lastHeader(key);
		return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}
}
