package dev.formgate.events;

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

	/** {@code dev.formgate.newsletter.SubscriptionRequested} for {@link NewsletterEvent.SubscriptionRequested}. */
	public static String typeOf(Class<?> eventClass) {
		String domain = eventClass.getEnclosingClass() == null ? eventClass.getPackageName()
				: eventClass.getEnclosingClass().getSimpleName().replace("Event", "").toLowerCase(java.util.Locale.ROOT);
		return TYPE_PREFIX + domain + "." + eventClass.getSimpleName();
	}
}
