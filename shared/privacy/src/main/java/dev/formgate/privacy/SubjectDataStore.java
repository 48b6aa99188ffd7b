package dev.formgate.privacy;

import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyEvent.AccessRequested;
import dev.formgate.events.PrivacyEvent.ConsentWithdrawn;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyEvent.ObjectionReceived;
import dev.formgate.events.PrivacyEvent.RectificationRequested;
import dev.formgate.events.PrivacyEvent.RestrictionLifted;
import dev.formgate.events.PrivacyEvent.RestrictionRequested;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link PrivacyStore} that answers access, restriction, its lifting and rectification the same way in every store
 * (sealed export or NOTHING_FOUND; DONE; DONE or NOTHING_FOUND, FAILED if the new address does not open), and leaves
 * erasure and objection, which differ by store, to the subclass. A withdrawal of consent is NOT_APPLICABLE unless the
 * subclass processes on consent and says otherwise.
 */
public abstract class SubjectDataStore implements PrivacyStore {

	/** The answer of a store that processes nothing on the basis of consent. */
	public static final String NO_CONSENT = "this store processes no personal data on the basis of consent "
			+ "(Art. 6(1)(a) GDPR)";

	private final SubjectData data;
	private final SubjectRefs subjectRefs;
	private final TransportSeal seal;
	private final JsonMapper json;

	protected SubjectDataStore(SubjectData data, SubjectRefs subjectRefs, TransportSeal seal, JsonMapper json) {
		this.data = data;
		this.subjectRefs = subjectRefs;
		this.seal = seal;
		this.json = json;
	}

	protected abstract Answer planErasure(ErasureRequested request);

	protected abstract void erase(ErasureRequested request);

	protected abstract Answer planObjection(ObjectionReceived request);

	protected abstract void object(ObjectionReceived request);

	/** The answer to a withdrawal of every consent (Art. 7(3)); by default the store processes nothing on consent. */
	protected Answer planWithdrawal(ConsentWithdrawn request) {
		return Answer.notApplicable(NO_CONSENT);
	}

	/** Ends every processing of the subject that rests on their consent; by default there is none. */
	protected void withdraw(ConsentWithdrawn request) {
		// Nothing rests on consent here.
	}

	@Override
	public final Answer plan(PrivacyEvent request) {
		return switch (request) {
			case ErasureRequested r -> planErasure(r);
			case ObjectionReceived r -> planObjection(r);
			case ConsentWithdrawn r -> planWithdrawal(r);
			case AccessRequested r -> data.holdsAnything(r.subjectRef())
					? Answer.exported(seal.seal(r.requestId(), json.writeValueAsString(data.export(r.subjectRef()))))
					: Answer.nothingFound();
			case RestrictionRequested r -> Answer.done();
			case RestrictionLifted r -> Answer.done();
			case RectificationRequested r -> {
				if (RectifiedAddress.open(r, seal, subjectRefs).isEmpty()) {
					yield Answer.failed(RectifiedAddress.UNUSABLE);
				}
				yield data.holdsAnything(r.subjectRef()) ? Answer.done() : Answer.nothingFound();
			}
		};
	}

	@Override
	public final void carryOut(PrivacyEvent request) {
		switch (request) {
			case ErasureRequested r -> erase(r);
			case ObjectionReceived r -> object(r);
			case ConsentWithdrawn r -> withdraw(r);
			case AccessRequested r -> {
				// Nothing changes: the export is in the answer.
			}
			case RestrictionRequested r -> data.restrict(r.subjectRef());
			case RestrictionLifted r -> data.liftRestriction(r.subjectRef());
			case RectificationRequested r -> RectifiedAddress.open(r, seal, subjectRefs)
				.ifPresent(address -> data.rectify(r.subjectRef(), r.newSubjectRef(), address));
		}
	}
}
