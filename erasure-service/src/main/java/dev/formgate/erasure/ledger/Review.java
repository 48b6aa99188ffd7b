package dev.formgate.erasure.ledger;

import java.time.Instant;

/**
 * The privacy officer's review of a self-service request that was held before it went out (docs/privacy.md,
 * "Self-service").
 *
 * @param heldBecause why it was held: a fixed text, no personal data
 * @param decidedBy who decided (the admin token's subject); null while open
 * @param approved null while open
 * @param reason why it was declined, shown to the person on their status page (Art. 12(4) GDPR)
 */
public record Review(Instant heldAt, String heldBecause, Instant decidedAt, String decidedBy, Boolean approved,
		String reason) {

	static Review held(String because, Instant now) {
		return new Review(now, because, null, null, null, null);
	}

	Review decided(boolean approve, String by, String why, Instant now) {
		return new Review(heldAt, heldBecause, now, by, approve, why);
	}

	boolean isOpen() {
		return decidedAt == null;
	}
}
