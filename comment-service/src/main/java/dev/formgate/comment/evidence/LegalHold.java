package dev.formgate.comment.evidence;

import java.time.Instant;

/**
 * A pending or expected legal claim about a comment: its evidence (and what the comment said) is kept past its period
 * and through objection and erasure until the hold is released (Art. 17(3)(e), 21(1) GDPR).
 *
 * @param reason the privacy officer's words; never leaves the store
 */
public record LegalHold(String reason, Instant since, String by) {
}
