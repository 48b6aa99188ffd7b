package dev.formgate.newsletter.subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * What came back from campaign mails to one subscription: the campaigns whose mails soft-bounced in a row (the last
 * one last), and the campaign of the last complaint; a repeated report of either changes nothing. Stored inside the
 * subscription; no address, no report text.
 *
 * @param softBounced the campaigns of the soft bounces in a row, oldest first (at most the limit that ends it)
 * @param lastComplaintCampaign the campaign whose mail was last reported as spam, or null
 */
record Returns(List<String> softBounced, String lastComplaintCampaign) {

	static final Returns NONE = new Returns(List.of(), null);

	Returns {
		softBounced = softBounced == null ? List.of() : List.copyOf(softBounced);
	}

	/** Soft bounces in a row. */
	int softBounces() {
		return softBounced.size();
	}

	/** The campaign of the last soft bounce, or null. */
	String lastBouncedCampaign() {
		return softBounced.isEmpty() ? null : softBounced.getLast();
	}

	boolean counted(String campaignId) {
		return softBounced.contains(campaignId);
	}

	/** A soft bounce of this campaign: one more in a row, or the first of a new row if a mail got through since. */
	Returns softBounce(String campaignId, boolean deliveredSinceLast) {
		List<String> row = new ArrayList<>(deliveredSinceLast ? List.of() : softBounced);
		row.add(campaignId);
		return new Returns(row, lastComplaintCampaign);
	}

	/** A hard bounce ends the subscription: the row is over. */
	Returns hardBounce() {
		return new Returns(List.of(), lastComplaintCampaign);
	}

	Returns complaint(String campaignId) {
		return new Returns(softBounced, campaignId);
	}
}
