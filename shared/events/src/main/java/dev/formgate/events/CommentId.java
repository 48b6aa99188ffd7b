package dev.formgate.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** Identity of one comment. Random, carries no personal data; the author and moderators may quote it. */
public record CommentId(@JsonValue String value) {

	@JsonCreator
	public CommentId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return value;
	}
}
