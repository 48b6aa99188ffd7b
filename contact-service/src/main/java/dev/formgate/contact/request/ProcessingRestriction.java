package dev.formgate.contact.request;

import java.time.Instant;
import java.util.List;

/**
 * The sender asked to restrict the processing of their data (Art. 18 GDPR), as staff see it on a request.
 *
 * @param since when the restriction took effect
 * @param applies whether it covers this request, received before it: staff cannot move it on, its retention waits,
 * and the mails it owes are held until the restriction is lifted. False for a request the person sent while restricted:
 * that is their consent to process it (Art. 18(2)), and it is worked on as any other.
 * @param heldMails the mails this request owes and holds until then ({@code STAFF_NOTIFICATION},
 * {@code ACKNOWLEDGEMENT}); empty when it does not apply or everything went out before
 */
public record ProcessingRestriction(Instant since, boolean applies, List<String> heldMails) {

	/** Null when the sender is not restricted. */
	static ProcessingRestriction of(ContactRequest request, Instant since) {
		if (since == null) {
			return null;
		}
		boolean applies = request.isRestrictedBy(since);
		return new ProcessingRestriction(since, applies, applies ? request.owedMails() : List.of());
	}
}
