package dev.formgate.events;

/** Kafka topic names, one place for all services. */
public final class Topics {

	public static final String NEWSLETTER_EVENTS = "newsletter.events";
	public static final String CONTACT_EVENTS = "contact.events";
	public static final String PRIVACY_REQUESTS = "privacy.requests";
	public static final String PRIVACY_OUTCOMES = "privacy.outcomes";
	public static final String PRIVACY_INVENTORY = "privacy.inventory";

	private Topics() {
	}
}
