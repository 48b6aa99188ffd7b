package dev.formgate.newsletter.privacy;

import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyEvent.AccessRequested;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyEvent.ObjectionReceived;
import dev.formgate.events.PrivacyEvent.RectificationRequested;
import dev.formgate.events.PrivacyEvent.RestrictionLifted;
import dev.formgate.events.PrivacyEvent.RestrictionRequested;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.newsletter.subscription.SubjectRights;
import dev.formgate.privacy.Answer;
import dev.formgate.privacy.PrivacyStore;
import dev.formgate.privacy.RectifiedAddress;
import dev.formgate.privacy.StorePrivacyConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** newsletter-service's answers to data-subject requests; the store's inventory is declared in application.yml. */
@Component
@Import(StorePrivacyConfiguration.class)
class NewsletterPrivacy implements PrivacyStore {

	/** The one purpose this store processes for; objections to others do not concern it. */
	static final String PURPOSE = "newsletter";

	static final String SUPPRESSION_KEPT = "pseudonymous suppression entry kept to honour the objection "
			+ "(Art. 17(3)(b), Art. 21(3) GDPR)";

	private final SubjectRights rights;
	private final SubjectRefs subjectRefs;
	private final TransportSeal seal;
	private final JsonMapper json;

	NewsletterPrivacy(SubjectRights rights, SubjectRefs subjectRefs, TransportSeal seal, JsonMapper json) {
		this.rights = rights;
		this.subjectRefs = subjectRefs;
		this.seal = seal;
		this.json = json;
	}

	@Override
	public Answer plan(PrivacyEvent request) {
		return switch (request) {
			case ErasureRequested r -> {
				Map<String, Long> counts = rights.erasable(r.subjectRef());
				boolean suppressed = rights.isSuppressed(r.subjectRef());
				if (counts.values().stream().allMatch(c -> c == 0)) {
					yield suppressed ? Answer.retained(SUPPRESSION_KEPT, Map.of("suppressions", 1L))
							: Answer.nothingFound();
				}
				yield new Answer(Outcome.ERASED, counts, suppressed ? SUPPRESSION_KEPT : null, null);
			}
			case ObjectionReceived r -> PURPOSE.equals(r.purpose()) ? Answer.done()
					: Answer.notApplicable("newsletter-service processes personal data for the purpose newsletter only");
			case AccessRequested r -> {
				var export = rights.export(r.subjectRef());
				yield rights.holdsAnything(r.subjectRef())
						? Answer.exported(seal.seal(r.requestId(), json.writeValueAsString(export)))
						: Answer.nothingFound();
			}
			case RestrictionRequested r -> Answer.done();
			case RestrictionLifted r -> Answer.done();
			case RectificationRequested r -> {
				if (RectifiedAddress.open(r, seal, subjectRefs).isEmpty()) {
					yield Answer.failed(RectifiedAddress.UNUSABLE);
				}
				yield rights.holdsAnything(r.subjectRef()) ? Answer.done() : Answer.nothingFound();
			}
		};
	}

	@Override
	public void carryOut(PrivacyEvent request) {
		switch (request) {
			case ErasureRequested r -> rights.erase(r.subjectRef());
			case ObjectionReceived r -> {
				if (PURPOSE.equals(r.purpose())) {
					rights.object(r.subjectRef());
				}
			}
			case AccessRequested r -> {
				// Nothing changes: the export is in the answer.
			}
			case RestrictionRequested r -> rights.restrict(r.subjectRef());
			case RestrictionLifted r -> rights.liftRestriction(r.subjectRef());
			case RectificationRequested r -> RectifiedAddress.open(r, seal, subjectRefs)
				.ifPresent(address -> rights.rectify(r.subjectRef(), r.newSubjectRef(), address));
		}
	}
}
