package dev.formgate.comment.evidence;

import java.time.Instant;

/** One disclosure of a comment's evidence: when, by whom, and why (the recorded reason). */
public record Disclosure(Instant at, String by, String reason) {
}
