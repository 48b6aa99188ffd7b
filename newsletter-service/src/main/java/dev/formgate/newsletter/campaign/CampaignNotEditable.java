package dev.formgate.newsletter.campaign;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

import java.util.Map;

/** The campaign started sending (or ended): its content and lists stay as they went out. 409. */
public class CampaignNotEditable extends ProblemException {

	CampaignNotEditable(CampaignState state) {
		super(ProblemType.CAMPAIGN_NOT_EDITABLE, ProblemType.CAMPAIGN_NOT_EDITABLE.detail(),
				Map.of("state", state.name()));
	}
}
