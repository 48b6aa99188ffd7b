package dev.formgate.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * CloudEvents 1.0 attributes in Kafka binary mode: each attribute is a header named {@code ce_<attribute>}, the data
 * is the record value (JSON). The type is derived from the event class so producers and consumers cannot drift.
 */
public final class CloudEvents {

	public static final String SPEC_VERSION = "1.0";
	public static final String TYPE_PREFIX = "dev.formgate.";

	public static final String ID = "ce_id";
	public static final String SOURCE = "ce_source";
	public static final String TYPE = "ce_type";
	public static final String SPECVERSION = "ce_specversion";
	public static final String TIME = "ce_time";
	public static final String DATA_CONTENT_TYPE = "content-type";

	private CloudEvents() {
	}

	/**
	 * An attribute of a consumed event, e.g. {@code type}. On the wire it is the {@code ce_} header; Spring Cloud
	 * Function hands CloudEvents to consumers with canonical {@code ce-} headers as text, and other clients may use
	 * the {@code ce.} or AMQP form, so each is looked for. Empty when absent.
	 */
	public static String attribute(Map<String, Object> headers, String attribute) {
		for (String prefix : List.of("ce_", "ce-", "ce.", "cloudEvents:")) {
			Object value = headers.get(prefix + attribute);
			if (value instanceof byte[] bytes) {
				return new String(bytes, StandardCharsets.UTF_8);
			}
			if (value != null) {
				return value.toString();
			}
		}
		return "";
	}

	/** {@code dev.formgate.newsletter.SubscriptionRequested} for {@link NewsletterEvent.SubscriptionRequested}. */
	public static String typeOf(Class<?> eventClass) {
		String domain = eventClass.getEnclosingClass() == null ? eventClass.getPackageName()
				: eventClass.getEnclosingClass().getSimpleName().replace("Event", "").toLowerCase(java.util.Locale.ROOT);
		return TYPE_PREFIX + domain + "." + eventClass.getSimpleName();
	}
}
