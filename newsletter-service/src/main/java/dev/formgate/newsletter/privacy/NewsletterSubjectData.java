package dev.formgate.newsletter.privacy;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.formgate.events.SubjectRef;
import dev.formgate.newsletter.campaign.CampaignPrivacy;
import dev.formgate.newsletter.subscription.SubjectExport;
import dev.formgate.newsletter.subscription.SubjectRights;
import dev.formgate.privacy.SubjectData;

import java.util.List;

/**
 * Everything newsletter-service holds about a subject: the subscriptions with their consent proof, suppression and
 * restriction ({@link SubjectRights}), and the campaigns they received ({@link CampaignPrivacy}).
 */
final class NewsletterSubjectData implements SubjectData {

	/** The access export: the subscriptions' part as before, and the campaigns received. */
	record Export(@JsonUnwrapped SubjectExport subscriptions, List<CampaignPrivacy.Received> campaignsReceived) {
	}

	private final SubjectRights rights;
	private final CampaignPrivacy campaigns;

	NewsletterSubjectData(SubjectRights rights, CampaignPrivacy campaigns) {
		this.rights = rights;
		this.campaigns = campaigns;
	}

	@Override
	public boolean holdsAnything(SubjectRef subject) {
		return rights.holdsAnything(subject) || campaigns.holdsAnything(subject);
	}

	@Override
	public Export export(SubjectRef subject) {
		return new Export(rights.export(subject), campaigns.received(subject));
	}

	@Override
	public void restrict(SubjectRef subject) {
		rights.restrict(subject);
	}

	@Override
	public void liftRestriction(SubjectRef subject) {
		rights.liftRestriction(subject);
	}

	@Override
	public void rectify(SubjectRef from, SubjectRef to, String newEmail) {
		rights.rectify(from, to, newEmail);
		campaigns.rectify(from, to);
	}
}
