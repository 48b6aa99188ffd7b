package dev.formgate.newsletter.campaign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Keeps every campaign underway moving, on each instance: it starts the selection of a campaign that began sending
 * (one instance at a time selects), hands its slices to the work topic, hands out again what nobody holds and is due
 * (a slice given up while the SMTP server was away, or one whose record was lost), and marks a campaign sent once
 * every slice is done. Everything it needs is in the store, so any instance can take over any of it.
 */
final class CampaignDispatch {

	private static final Logger log = LoggerFactory.getLogger(CampaignDispatch.class);

	/** The output binding of the work topic. */
	static final String SLICES_OUT = "campaignSlices-out-0";

	/** A slice whose record has been waiting longer than this without progress is handed out again. */
	private static final java.time.Duration STALE = java.time.Duration.ofMinutes(10);

	private final Campaigns campaigns;
	private final Slices slices;
	private final Progresses progresses;
	private final StreamBridge bridge;
	private final Consumer<String> wakeRelay;
	private final Clock clock;
	private final java.util.Map<String, Long> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();
	private Selector selector;

	CampaignDispatch(Campaigns campaigns, Slices slices, Progresses progresses, StreamBridge bridge,
			Consumer<String> wakeRelay, Clock clock) {
		this.campaigns = campaigns;
		this.slices = slices;
		this.progresses = progresses;
		this.bridge = bridge;
		this.wakeRelay = wakeRelay;
		this.clock = clock;
	}

	void selectWith(Selector selector) {
		this.selector = selector;
	}

	/** Hands a slice to the work topic, keyed by its id; returns once Kafka acknowledged it. */
	void handOut(Slice slice) {
		handOut(slice.campaignId(), slice.id());
	}

	private void handOut(String campaignId, String sliceId) {
		String json = "{\"campaignId\":\"" + campaignId + "\",\"sliceId\":\"" + sliceId + "\"}";
		var message = MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
			.setHeader(KafkaHeaders.KEY, sliceId.getBytes(StandardCharsets.UTF_8))
			.build();
		if (!bridge.send(SLICES_OUT, message, MimeTypeUtils.APPLICATION_JSON)) {
			throw new IllegalStateException("slice not accepted by the work topic");
		}
	}

	/** Looks at every campaign underway (the periodic sweep; also right after a start or a resume). */
	void sweep() {
		for (Campaign campaign : campaigns.underway()) {
			try {
				sweep(campaign);
			}
			catch (RuntimeException e) {
				log.warn("Looking after a campaign underway failed ({}), the next sweep tries again",
						e.getClass().getSimpleName());
			}
		}
	}

	private void sweep(Campaign campaign) {
		if (campaign.state() != CampaignState.SENDING) {
			return;
		}
		progresses.begin(campaign.id());
		Progress progress = progresses.find(campaign.id());
		if (!progress.selectionDone()) {
			selector.select(campaign);
		}
		else if (finishIfComplete(campaign.id())) {
			return;
		}
		// While mails flow, nothing is stuck; once they stop, look for slices that nobody holds and that are due.
		long done = progress.sent() + progress.failed() + progress.skipped();
		Long before = lastSeen.put(campaign.id(), done);
		if (before != null && before != done) {
			return;
		}
		Instant now = clock.instant();
		for (Slice slice : slices.open(campaign.id())) {
			boolean free = slice.owner() == null || slice.leaseUntil() == null || slice.leaseUntil().isBefore(now);
			boolean due = slice.retryAt() != null ? !slice.retryAt().isAfter(now)
					: slice.touchedAt() == null || slice.touchedAt().isBefore(now.minus(STALE));
			if (free && due) {
				handOut(campaign.id(), slice.id());
				slices.touched(slice.id(), now);
			}
		}
	}

	/** A resumed campaign: every slice not done goes to the work topic again (those seen while paused were left). */
	void resumed(String campaignId) {
		Instant now = clock.instant();
		for (Slice slice : slices.open(campaignId)) {
			handOut(campaignId, slice.id());
			slices.touched(slice.id(), now);
		}
	}

	/**
	 * If every recipient was selected and no slice is left to send, the campaign is sent (once, whoever sees it first),
	 * with the counts of the slices' marks. Decided from the slices themselves, so a crash between a slice's last mark
	 * and any count of it neither stops the campaign from ending nor leaves its figures short. Returns whether it is
	 * over.
	 */
	boolean finishIfComplete(String campaignId) {
		Progress progress = progresses.find(campaignId);
		if (progress == null || !progress.selectionDone() || slices.anyOpen(campaignId)) {
			return false;
		}
		Slices.Marks marks = slices.marks(campaignId);
		boolean finished = campaigns.change(campaignId, campaign -> {
			if (campaign.state() != CampaignState.SENDING) {
				return false;
			}
			campaign.finish(progress.recipients(), marks.sent(), marks.failed(), marks.skipped(), clock.instant());
			return true;
		});
		if (finished) {
			progresses.settle(campaignId, marks);
			wakeRelay.accept(campaignId);
			slices.deleteOf(campaignId);
		}
		return true;
	}
}
