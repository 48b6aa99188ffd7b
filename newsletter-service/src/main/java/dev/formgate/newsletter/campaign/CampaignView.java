package dev.formgate.newsletter.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A campaign as the editors' API shows it: what it says, where it goes, where it is, and how far it got. The counts
 * are the only figures there are: no opens, no clicks (nothing is tracked).
 */
public record CampaignView(String id, CampaignState state, List<String> lists, Map<String, Content> content, int rate,
		int connections, boolean archive, Instant scheduledAt, Instant createdAt, Instant updatedAt, Instant startedAt,
		Instant finishedAt, Figures progress) {

	/**
	 * @param recipients selected so far (all of them once {@code selecting} is false)
	 * @param ratePerSecond mails accepted per second since the first one
	 * @param estimatedEnd at that rate, when the last mail will have gone out (null unless sending)
	 */
	public record Figures(long recipients, boolean selecting, long sent, long failed, long skipped, long remaining,
			long bounced, long complained, long unsubscribed, double ratePerSecond, Instant estimatedEnd) {

		static Figures of(Campaign campaign, Progress progress, Instant now) {
			if (progress == null) {
				return new Figures(0, false, 0, 0, 0, 0, 0, 0, 0, 0, null);
			}
			double rate = 0;
			if (progress.firstSentAt() != null && progress.lastSentAt() != null) {
				long millis = Duration.between(progress.firstSentAt(), progress.lastSentAt()).toMillis();
				rate = millis <= 0 ? 0 : progress.sent() * 1000.0 / millis;
			}
			Instant end = null;
			if (campaign.state() == CampaignState.SENDING && rate > 0) {
				end = now.plusMillis((long) (progress.remaining() * 1000 / rate));
			}
			return new Figures(progress.recipients(), !progress.selectionDone() && campaign.state().isUnderway(),
					progress.sent(), progress.failed(), progress.skipped(), progress.remaining(), progress.bounced(),
					progress.complained(), progress.unsubscribed(), Math.round(rate * 10) / 10.0, end);
		}
	}

	static CampaignView of(Campaign c, Progress progress, Instant now) {
		return new CampaignView(c.id(), c.state(), c.lists(), c.content(), c.pace().rate(), c.pace().connections(),
				c.archive(), c.scheduledAt(), c.createdAt(), c.updatedAt(), c.startedAt(), c.finishedAt(),
				Figures.of(c, progress, now));
	}

	/** A page of campaigns, newest first. */
	public record Page(List<CampaignView> items, int page, int size, long total) {
	}

	/** What a subscriber in a language gets: subject, HTML and plain text (the unsubscribe link a placeholder). */
	public record Preview(String language, String subject, String html, String text) {
	}

	/** A sent campaign in the public archive: no personal data, the body as it went out. */
	public record Archived(String id, String language, String subject, String html, Instant sentAt) {

		/** The day it went out, in Berlin. */
		public java.time.LocalDate sentOn() {
			return sentAt == null ? null : sentAt.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalDate();
		}
	}
}
