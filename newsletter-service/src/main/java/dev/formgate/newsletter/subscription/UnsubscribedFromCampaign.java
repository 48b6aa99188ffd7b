package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;

/**
 * A person ended their subscription with the link or one-click header of a campaign mail: the campaign counts it and
 * ends their subscriptions to its other lists too (an application event inside the service, never on Kafka).
 */
public record UnsubscribedFromCampaign(String campaignId, String subjectRef, String list, Reason reason) {
}
