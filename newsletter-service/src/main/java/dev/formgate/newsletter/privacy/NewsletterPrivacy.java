package dev.formgate.newsletter.privacy;

import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.PrivacyEvent.ConsentWithdrawn;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyEvent.ObjectionReceived;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.newsletter.campaign.CampaignPrivacy;
import dev.formgate.newsletter.subscription.SubjectRights;
import dev.formgate.privacy.Answer;
import dev.formgate.privacy.StorePrivacyConfiguration;
import dev.formgate.privacy.SubjectDataStore;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * newsletter-service's answers to data-subject requests: erasure of every list, the absolute objection (Art. 21(3)),
 * the withdrawal of consent (Art. 7(3)) as by the unsubscribe link; access, restriction and rectification as every
 * store. The inventory is declared in application.yml.
 */
@Component
@Import(StorePrivacyConfiguration.class)
class NewsletterPrivacy extends SubjectDataStore {

	/** The one purpose this store processes for; objections to others do not concern it. */
	static final String PURPOSE = "newsletter";

	static final String SUPPRESSION_KEPT = "pseudonymous suppression entry kept to honour the objection "
			+ "(Art. 17(3)(b), Art. 21(3) GDPR)";

	private final SubjectRights rights;
	private final CampaignPrivacy campaigns;

	NewsletterPrivacy(SubjectRights rights, CampaignPrivacy campaigns, SubjectRefs subjectRefs, TransportSeal seal,
			JsonMapper json) {
		super(new NewsletterSubjectData(rights, campaigns), subjectRefs, seal, json);
		this.rights = rights;
		this.campaigns = campaigns;
	}

	@Override
	protected Answer planErasure(ErasureRequested request) {
		Map<String, Long> counts = new LinkedHashMap<>(rights.erasable(request.subjectRef()));
		counts.putAll(campaigns.erasable(request.subjectRef()));
		boolean suppressed = rights.isSuppressed(request.subjectRef());
		if (counts.values().stream().allMatch(c -> c == 0)) {
			return suppressed ? Answer.retained(SUPPRESSION_KEPT, Map.of("suppressions", 1L)) : Answer.nothingFound();
		}
		return new Answer(Outcome.ERASED, counts, suppressed ? SUPPRESSION_KEPT : null, null);
	}

	@Override
	protected void erase(ErasureRequested request) {
		rights.erase(request.subjectRef());
		campaigns.erase(request.subjectRef());
	}

	@Override
	protected Answer planObjection(ObjectionReceived request) {
		// The newsletter rests on consent (Art. 6(1)(a)), not on Art. 6(1)(e) or (f).
		return request.concerns(PURPOSE, false) ? Answer.done()
				: Answer.notApplicable("newsletter-service processes personal data for the purpose newsletter only");
	}

	@Override
	protected void object(ObjectionReceived request) {
		if (request.concerns(PURPOSE, false)) {
			rights.object(request.subjectRef());
		}
	}

	@Override
	protected Answer planWithdrawal(ConsentWithdrawn request) {
		long consented = rights.consented(request.subjectRef());
		return consented == 0 ? Answer.nothingFound()
				: new Answer(Outcome.DONE, Map.of("subscriptions", consented), null, null);
	}

	@Override
	protected void withdraw(ConsentWithdrawn request) {
		rights.withdraw(request.subjectRef());
	}
}
