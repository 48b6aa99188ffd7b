package dev.formgate.newsletter.campaign;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the dispatch's sweep on every instance ({@code formgate.newsletter.campaigns.sending.sweep-interval}). */
@Component
class CampaignSweepJob {

	private final CampaignDispatch dispatch;

	CampaignSweepJob(CampaignDispatch dispatch) {
		this.dispatch = dispatch;
	}

	@Scheduled(initialDelayString = "${formgate.newsletter.campaigns.sending.sweep-interval:5s}",
			fixedDelayString = "${formgate.newsletter.campaigns.sending.sweep-interval:5s}")
	void sweep() {
		dispatch.sweep();
	}
}
