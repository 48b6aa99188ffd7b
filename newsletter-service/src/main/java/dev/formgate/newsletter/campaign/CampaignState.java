package dev.formgate.newsletter.campaign;

import java.util.Map;
import java.util.Set;

/**
 * Where a campaign is: {@code DRAFT → SCHEDULED → SENDING → SENT}, with {@code PAUSED} while sending and
 * {@code CANCELLED} before it finished. Each state says which states follow it; SENT and CANCELLED are final.
 */
public enum CampaignState {

	DRAFT, SCHEDULED, SENDING, PAUSED, SENT, CANCELLED;

	private static final Map<CampaignState, Set<CampaignState>> NEXT = Map.of(DRAFT, Set.of(SCHEDULED, SENDING, CANCELLED),
			SCHEDULED, Set.of(SCHEDULED, SENDING, CANCELLED), SENDING, Set.of(PAUSED, SENT, CANCELLED), PAUSED,
			Set.of(SENDING, CANCELLED), SENT, Set.of(), CANCELLED, Set.of());

	boolean canMoveTo(CampaignState next) {
		return NEXT.get(this).contains(next);
	}

	/** Its content and lists may still change: it has not started sending. */
	boolean isEditable() {
		return this == DRAFT || this == SCHEDULED;
	}

	/** Started and not yet finished: its recipients are fixed and mails may be going out. */
	public boolean isUnderway() {
		return this == SENDING || this == PAUSED;
	}

	public boolean isFinal() {
		return this == SENT || this == CANCELLED;
	}
}
