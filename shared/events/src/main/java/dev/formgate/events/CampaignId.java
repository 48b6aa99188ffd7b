package dev.formgate.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** Identity of one newsletter campaign. Random, carries no personal data. */
public record CampaignId(@JsonValue String value) {

	@JsonCreator
	public CampaignId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return value;
	}
}
