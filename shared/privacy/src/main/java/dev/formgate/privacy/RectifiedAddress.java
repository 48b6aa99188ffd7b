package dev.formgate.privacy;

import dev.formgate.events.PrivacyEvent.RectificationRequested;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;

import java.util.Optional;

/** The corrected address a rectification carries, opened and checked against the reference the ledger computed. */
public final class RectifiedAddress {

	/** The answer when it does not open or does not match: a fixed text, never the address. */
	public static final String UNUSABLE = "the new address does not open with the transport key for this request, "
			+ "or does not match newSubjectRef";

	private RectifiedAddress() {
	}

	/** The address, if it was sealed for this request with our transport key and is the one newSubjectRef names. */
	public static Optional<String> open(RectificationRequested request, TransportSeal seal, SubjectRefs subjectRefs) {
		if (request.sealedNewAddress() == null || request.newSubjectRef() == null) {
			return Optional.empty();
		}
		try {
			String address = seal.open(request.requestId(), request.sealedNewAddress()).strip();
			return subjectRefs.of(address).equals(request.newSubjectRef()) ? Optional.of(address) : Optional.empty();
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}
}
