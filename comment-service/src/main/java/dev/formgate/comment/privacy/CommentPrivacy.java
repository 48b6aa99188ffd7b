package dev.formgate.comment.privacy;

import dev.formgate.comment.comments.SubjectRights;
import dev.formgate.comment.evidence.EvidenceLog;
import dev.formgate.events.OutcomeEvent.Outcome;
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
 * comment-service's answers to data-subject requests, for authors who gave a notification address: erasure deletes
 * their comments and evidence (legal holds excepted), an objection ends the evidence log (Art. 6(1)(f)) unless a
 * legal hold keeps it; access, restriction and rectification as every store. The inventory is in application.yml.
 */
@Component
@Import(StorePrivacyConfiguration.class)
class CommentPrivacy extends SubjectDataStore {

	/** The purpose an objection names to object to the evidence log alone. */
	static final String EVIDENCE_PURPOSE = "comment-evidence";

	/** A fixed text: the privacy officer's own reason for a hold is free text and never leaves the store. */
	static final String LEGAL_HOLD = "legal hold: a comment's evidence kept for a pending legal claim "
			+ "(Art. 17(3)(e), 21(1) GDPR)";

	static final String OTHER_PURPOSE = "comment-service processes personal data under Art. 6(1)(f) GDPR for the "
			+ "purpose comment-evidence only";

	private final SubjectRights rights;

	CommentPrivacy(SubjectRights rights, SubjectRefs subjectRefs, TransportSeal seal, JsonMapper json) {
		super(rights, subjectRefs, seal, json);
		this.rights = rights;
	}

	@Override
	protected Answer planErasure(ErasureRequested request) {
		var erasable = rights.erasable(request.subjectRef());
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("comments", erasable.comments());
		counts.put(EvidenceLog.COLLECTION, erasable.evidence());
		counts.put(Restrictions.COLLECTION, erasable.restrictions());
		if (erasable.held() > 0) {
			counts.put("comment_evidence_retained", erasable.held());
			return Answer.retained(LEGAL_HOLD, counts);
		}
		return erasable.isEmpty() ? Answer.nothingFound() : Answer.erased(counts);
	}

	@Override
	protected void erase(ErasureRequested request) {
		rights.erase(request.subjectRef());
	}

	@Override
	protected Answer planObjection(ObjectionReceived request) {
		if (!request.concerns(EVIDENCE_PURPOSE, true)) {
			return Answer.notApplicable(OTHER_PURPOSE);
		}
		var objectable = rights.objectable(request.subjectRef());
		if (objectable.held() > 0) {
			return Answer.retained(LEGAL_HOLD, Map.of(EvidenceLog.COLLECTION, objectable.evidence(),
					"comment_evidence_retained", objectable.held()));
		}
		return objectable.evidence() == 0 ? Answer.nothingFound()
				: new Answer(Outcome.DONE, Map.of(EvidenceLog.COLLECTION, objectable.evidence()), null, null);
	}

	@Override
	protected void object(ObjectionReceived request) {
		if (request.concerns(EVIDENCE_PURPOSE, true)) {
			rights.object(request.subjectRef());
		}
	}
}
