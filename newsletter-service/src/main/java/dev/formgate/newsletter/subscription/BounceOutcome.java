package dev.formgate.newsletter.subscription;

/**
 * What a bounce or complaint did to the subscription it names.
 *
 * @param recorded its event was recorded (false: a repeated report, or no such subscription)
 * @param firstForCampaign the first bounce (or complaint) of this campaign's mail to the subscription: the campaign
 * counts it
 * @param ended the subscription ended with it
 */
public record BounceOutcome(boolean recorded, boolean firstForCampaign, boolean ended) {

	static final BounceOutcome NOTHING = new BounceOutcome(false, false, false);
}
