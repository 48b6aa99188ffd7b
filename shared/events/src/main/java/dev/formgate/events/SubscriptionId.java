package dev.formgate.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** Identity of one newsletter subscription (one address on one list). Random, carries no personal data. */
public record SubscriptionId(@JsonValue String value) {

	@JsonCreator
	public SubscriptionId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return value;
	}
}
