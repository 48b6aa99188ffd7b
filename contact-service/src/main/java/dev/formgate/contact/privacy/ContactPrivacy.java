package dev.formgate.contact.privacy;

import dev.formgate.contact.request.SubjectRights;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyEvent.ObjectionReceived;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.privacy.Answer;
import dev.formgate.privacy.Restrictions;
import dev.formgate.privacy.StorePrivacyConfiguration;
import dev.formgate.privacy.SubjectDataStore;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * contact-service's answers to data-subject requests: erasure except legal holds, no objection (Art. 6(1)(b));
 * access, restriction and rectification as every store. The inventory is declared in application.yml.
 */
@Component
@Import(StorePrivacyConfiguration.class)
class ContactPrivacy extends SubjectDataStore {

	/** A fixed text: the staff's own reason for a hold is free text and never leaves the store. */
	static final String LEGAL_HOLD = "legal hold: kept for a legal obligation or legal claims (Art. 17(3)(b), (e) GDPR)";

	static final String NO_OBJECTION = "contact requests are processed to answer them (Art. 6(1)(b) GDPR); "
			+ "the right to object (Art. 21 GDPR) concerns processing under Art. 6(1)(e) or (f) and direct marketing";

	private final SubjectRights rights;

	ContactPrivacy(SubjectRights rights, SubjectRefs subjectRefs, TransportSeal seal, JsonMapper json) {
		super(rights, subjectRefs, seal, json);
		this.rights = rights;
	}

	@Override
	protected Answer planErasure(ErasureRequested request) {
		var erasable = rights.erasable(request.subjectRef());
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("contact_requests", erasable.requests());
		counts.put(Restrictions.COLLECTION, erasable.restrictions());
		if (erasable.heldRequests() > 0) {
			counts.put("contact_requests_retained", erasable.heldRequests());
			return Answer.retained(LEGAL_HOLD, counts);
		}
		return erasable.requests() + erasable.restrictions() == 0 ? Answer.nothingFound() : Answer.erased(counts);
	}

	@Override
	protected void erase(ErasureRequested request) {
		rights.erase(request.subjectRef());
	}

	@Override
	protected Answer planObjection(ObjectionReceived request) {
		return Answer.notApplicable(NO_OBJECTION);
	}

	@Override
	protected void object(ObjectionReceived request) {
		// Not applicable: nothing changes.
	}
}
