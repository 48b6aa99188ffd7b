package dev.formgate.erasure.ledger;

import java.time.Instant;

/** Art. 12(3): the deadline extended by some months, for a recorded reason. */
public record Extension(int months, String reason, Instant at) {
}
