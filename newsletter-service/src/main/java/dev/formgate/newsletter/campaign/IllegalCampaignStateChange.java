package dev.formgate.newsletter.campaign;

import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;

import java.util.Map;

/** A campaign cannot take this step from its state (starting it twice, resuming one that is not paused). 409. */
public class IllegalCampaignStateChange extends ProblemException {

	IllegalCampaignStateChange(CampaignState state, CampaignState requested) {
		super(ProblemType.ILLEGAL_STATE_CHANGE, "A " + state + " campaign cannot become " + requested + ".",
				Map.of("state", state.name(), "requestedState", requested.name()));
	}
}
