package dev.formgate.newsletter.campaign;

import dev.formgate.events.SubjectRef;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaigns' part of a subject's data (docs/privacy.md, "Campaigns"): the delivery log (which campaigns they
 * received) and their references in the slices of campaigns still sending. Exported on access, erased on erasure —
 * a recipient erased mid-send is skipped — and moved on rectification.
 */
@Component
public class CampaignPrivacy {

	/** One campaign a subject received: which, its German subject, the list, when the SMTP server accepted it. */
	public record Received(String campaignId, String subject, String list, Instant at) {
	}

	private final DeliveryLog deliveries;
	private final Slices slices;
	private final Progresses progresses;
	private final Campaigns campaigns;
	private final CampaignProperties properties;
	private final java.time.Clock clock;

	CampaignPrivacy(DeliveryLog deliveries, Slices slices, Progresses progresses, Campaigns campaigns,
			CampaignProperties properties, java.time.Clock clock) {
		this.deliveries = deliveries;
		this.slices = slices;
		this.progresses = progresses;
		this.campaigns = campaigns;
		this.properties = properties;
		this.clock = clock;
	}

	/** Retention: deliveries older than the delivery log's retention are forgotten; returns how many. */
	public long purgeDeliveries() {
		return deliveries.purge(clock.instant().minus(properties.deliveryLogRetention()));
	}

	public List<Received> received(SubjectRef subject) {
		return deliveries.of(subject.value()).stream().map(d -> {
			Campaign campaign = campaigns.findById(d.campaignId());
			return new Received(d.campaignId(), campaign == null ? null : campaign.contentIn("de").subject(), d.list(),
					d.at());
		}).toList();
	}

	/** What erasure would delete, per collection. */
	public Map<String, Long> erasable(SubjectRef subject) {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put(DeliveryLog.COLLECTION, deliveries.of(subject.value()).isEmpty() ? 0L : 1L);
		counts.put("campaign_slices", slices.countOf(subject.value()));
		return counts;
	}

	public boolean holdsAnything(SubjectRef subject) {
		return erasable(subject).values().stream().anyMatch(n -> n > 0);
	}

	/** Art. 17: the delivery log goes; a campaign still sending skips the subject. */
	public void erase(SubjectRef subject) {
		deliveries.erase(subject.value());
		slices.forget(subject.value()).forEach((campaignId, skipped) -> progresses.counted(campaignId, 0, 0, skipped,
				clock.instant()));
	}

	/** Art. 16: the delivery log follows the subject to the corrected address's reference. */
	public void rectify(SubjectRef from, SubjectRef to) {
		deliveries.move(from.value(), to.value());
	}
}
