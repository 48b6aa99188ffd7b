package dev.formgate.contact.privacy;

import dev.formgate.contact.request.SubjectRights;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyEvent.AccessRequested;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyEvent.ObjectionReceived;
import dev.formgate.events.PrivacyEvent.RectificationRequested;
import dev.formgate.events.PrivacyEvent.RestrictionLifted;
import dev.formgate.events.PrivacyEvent.RestrictionRequested;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.privacy.Answer;
import dev.formgate.privacy.PrivacyStore;
import dev.formgate.privacy.RectifiedAddress;
import dev.formgate.privacy.Restrictions;
import dev.formgate.privacy.StorePrivacyConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** contact-service's answers to data-subject requests; the store's inventory is declared in application.yml. */
@Component
@Import(StorePrivacyConfiguration.class)
class ContactPrivacy implements PrivacyStore {

	/** A fixed text: the staff's own reason for a hold is free text and never leaves the store. */
	static final String LEGAL_HOLD = "legal hold: kept for a legal obligation or legal claims (Art. 17(3)(b), (e) GDPR)";

	static final String NO_OBJECTION = "contact requests are processed to answer them (Art. 6(1)(b) GDPR); "
			+ "the right to object (Art. 21 GDPR) concerns processing under Art. 6(1)(e) or (f) and direct marketing";

	private final SubjectRights rights;
	private final SubjectRefs subjectRefs;
	private final TransportSeal seal;
	private final JsonMapper json;

	ContactPrivacy(SubjectRights rights, SubjectRefs subjectRefs, TransportSeal seal, JsonMapper json) {
		this.rights = rights;
		this.subjectRefs = subjectRefs;
		this.seal = seal;
		this.json = json;
	}

	@Override
	public Answer plan(PrivacyEvent request) {
		return switch (request) {
			case ErasureRequested r -> {
				var erasable = rights.erasable(r.subjectRef());
				Map<String, Long> counts = new LinkedHashMap<>();
				counts.put("contact_requests", erasable.requests());
				counts.put(Restrictions.COLLECTION, erasable.restrictions());
				if (erasable.heldRequests() > 0) {
					counts.put("contact_requests_retained", erasable.heldRequests());
					yield Answer.retained(LEGAL_HOLD, counts);
				}
				yield erasable.requests() + erasable.restrictions() == 0 ? Answer.nothingFound()
						: Answer.erased(counts);
			}
			case ObjectionReceived r -> Answer.notApplicable(NO_OBJECTION);
			case AccessRequested r -> rights.holdsAnything(r.subjectRef())
					? Answer.exported(seal.seal(r.requestId(), json.writeValueAsString(rights.export(r.subjectRef()))))
					: Answer.nothingFound();
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
				// Not applicable: nothing changes.
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
