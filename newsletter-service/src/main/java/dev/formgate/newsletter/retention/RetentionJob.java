package dev.formgate.newsletter.retention;

import dev.formgate.newsletter.campaign.CampaignPrivacy;
import dev.formgate.newsletter.subscription.SubscriptionRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies the retention limits of {@code formgate.newsletter.retention}; logs counts only. */
@Component
class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final SubscriptionRetention subscriptions;
	private final CampaignPrivacy campaigns;

	RetentionJob(SubscriptionRetention subscriptions, CampaignPrivacy campaigns) {
		this.subscriptions = subscriptions;
		this.campaigns = campaigns;
	}

	@Scheduled(initialDelayString = "${formgate.newsletter.retention.interval:10m}",
			fixedDelayString = "${formgate.newsletter.retention.interval:10m}")
	void apply() {
		try {
			int expired = subscriptions.expireUnconfirmed();
			long purged = subscriptions.purgeWithdrawnConsentProofs();
			subscriptions.purgeConfirmationCooldowns();
			long deliveries = campaigns.purgeDeliveries();
			if (expired > 0 || purged > 0 || deliveries > 0) {
				log.info("Retention: {} unconfirmed sign-ups expired, {} withdrawn consent proofs deleted, {} campaign "
						+ "deliveries forgotten", expired, purged, deliveries);
			}
		}
		catch (RuntimeException e) {
			log.warn("Retention run failed ({}), will run again", e.getClass().getSimpleName());
		}
	}
}
