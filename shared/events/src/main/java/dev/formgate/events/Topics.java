package dev.formgate.events;

/** Kafka topic names, one place for all services. */
public final class Topics {

	public static final String NEWSLETTER_EVENTS = "newsletter.events";
	public static final String CONTACT_EVENTS = "contact.events";
	public static final String COMMENT_EVENTS = "comment.events";
	public static final String PRIVACY_REQUESTS = "privacy.requests";
	public static final String PRIVACY_OUTCOMES = "privacy.outcomes";
	public static final String PRIVACY_INVENTORY = "privacy.inventory";
	/** newsletter-service's own work topic of campaign slices (ids only, not events; docs/events.md). */
	public static final String CAMPAIGN_SLICES = "newsletter.campaign-slices";

	private Topics() {
	}
}
