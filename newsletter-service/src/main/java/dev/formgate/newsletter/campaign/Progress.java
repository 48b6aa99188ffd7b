package dev.formgate.newsletter.campaign;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * How far a campaign got, one document per campaign, changed only by partial, atomic updates ({@link Progresses}) so
 * that every instance can count into it at once: the selection of recipients (how many, in how many slices, where it
 * stopped, who selects), the counts of mails, and the window of the shared rate. Counts absent in the store read as
 * zero.
 *
 * @param selectionDone every recipient is in a slice
 * @param cursorList the index, in the campaign's lists, of the list the selection is at
 * @param cursorId the last subscription id put into a slice from that list
 * @param selector the instance selecting, and until when it holds that
 * @param sent mails the SMTP server accepted
 * @param failed mails the SMTP server refused
 * @param skipped recipients whose subscription ended, or who were restricted or suppressed, before their mail
 * @param paceSecond the second the rate window counts, in epoch seconds
 * @param paceIssued mails granted in that second, by all instances
 */
@Document("campaign_progress")
record Progress(@Id String campaignId, Long recipients, Integer slices, Boolean selectionDone, Integer cursorList,
		String cursorId, String selector, Instant selectorUntil, Long sent, Long failed, Long skipped, Long bounced,
		Long complained, Long unsubscribed, Integer slicesDone, Long paceSecond, Integer paceIssued,
		Instant firstSentAt, Instant lastSentAt) {

	Progress {
		recipients = recipients == null ? 0 : recipients;
		slices = slices == null ? 0 : slices;
		selectionDone = selectionDone != null && selectionDone;
		cursorList = cursorList == null ? 0 : cursorList;
		sent = sent == null ? 0 : sent;
		failed = failed == null ? 0 : failed;
		skipped = skipped == null ? 0 : skipped;
		bounced = bounced == null ? 0 : bounced;
		complained = complained == null ? 0 : complained;
		unsubscribed = unsubscribed == null ? 0 : unsubscribed;
		slicesDone = slicesDone == null ? 0 : slicesDone;
		paceSecond = paceSecond == null ? 0 : paceSecond;
		paceIssued = paceIssued == null ? 0 : paceIssued;
	}

	/** Recipients whose mail has not gone out yet, as far as selected. */
	long remaining() {
		return Math.max(0, recipients - sent - failed - skipped);
	}
}
