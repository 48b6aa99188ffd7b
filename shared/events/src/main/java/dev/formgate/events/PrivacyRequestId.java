package dev.formgate.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one data-subject request in the erasure-service's ledger and in every store's answer. */
public record PrivacyRequestId(@JsonValue String value) {

	public PrivacyRequestId {
		Objects.requireNonNull(value, "value");
		UUID.fromString(value);
	}

	public static PrivacyRequestId random() {
		return new PrivacyRequestId(UUID.randomUUID().toString());
	}
}
