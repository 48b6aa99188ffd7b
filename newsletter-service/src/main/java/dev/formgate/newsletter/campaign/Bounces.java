package dev.formgate.newsletter.campaign;

import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import dev.formgate.newsletter.subscription.BounceOutcome;
import dev.formgate.newsletter.subscription.SubscriptionService;

/**
 * Does what a mail in the bounce mailbox asks ({@link ReturnedMail}): a hard bounce ends the subscription (reason
 * {@code BOUNCE}), soft bounces count until {@code soft-bounce-limit} in a row end it, a complaint ends it (reason
 * {@code COMPLAINT}) and suppresses the subject, a mail to the List-Unsubscribe {@code mailto:} ends the subscription
 * its credential names (reason {@code EMAIL}). The campaign counts each bounced and complained recipient once. Doing
 * it twice (a mail read again after a crash) changes nothing the second time.
 */
final class Bounces {

	private final SubscriptionService subscriptions;
	private final Progresses progresses;
	private final DeliveryLog deliveries;
	private final int softBounceLimit;

	Bounces(SubscriptionService subscriptions, Progresses progresses, DeliveryLog deliveries, int softBounceLimit) {
		this.subscriptions = subscriptions;
		this.progresses = progresses;
		this.deliveries = deliveries;
		this.softBounceLimit = softBounceLimit;
	}

	/** Does what the report asks; false if it names nothing genuine (an unsubscribe mail with a forged credential). */
	boolean apply(ReturnedMail.Report report) {
		return switch (report.kind()) {
			case HARD_BOUNCE, SOFT_BOUNCE -> {
				BounceOutcome outcome = subscriptions.bounced(report.handle().subscriptionId(),
						report.handle().campaignId(), report.kind() == ReturnedMail.Kind.HARD_BOUNCE,
						deliveries::deliveredBetween, softBounceLimit);
				if (outcome.firstForCampaign()) {
					progresses.count(report.handle().campaignId(), "bounced");
				}
				yield true;
			}
			case COMPLAINT -> {
				BounceOutcome outcome = subscriptions.complained(report.handle().subscriptionId(),
						report.handle().campaignId());
				if (outcome.firstForCampaign()) {
					progresses.count(report.handle().campaignId(), "complained");
				}
				yield true;
			}
			case UNSUBSCRIBE -> subscriptions.unsubscribe(report.credential(), Reason.EMAIL);
			case NOTHING_TO_DO -> true;
		};
	}
}
