package dev.formgate.newsletter.campaign;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

/** No campaign with this id. 404. */
public class CampaignNotFound extends ProblemException {

	CampaignNotFound() {
		super(ProblemType.CAMPAIGN_NOT_FOUND);
	}
}
