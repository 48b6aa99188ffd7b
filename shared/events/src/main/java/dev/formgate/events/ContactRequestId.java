package dev.formgate.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** Identity of one contact request. Random, carries no personal data; staff and the sender may quote it. */
public record ContactRequestId(@JsonValue String value) {

	@JsonCreator
	public ContactRequestId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return value;
	}
}
