package dev.formgate.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identity of one comment. Random, carries no personal data; the author and moderators may quote it. */
public record CommentId(@JsonValue String value) {

	@JsonCreator
	public CommentId {
		Objects.requireNonNull(value, "value");
	}

	/** Whether the text is a comment id as comment-service gives them: a UUID in its canonical form (lower case). */
	public static boolean isWellFormed(String value) {
		if (value == null || value.length() != 36) {
			return false;
		}
		try {
			return UUID.fromString(value).toString().equals(value);
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	@Override
	public String toString() {
		return value;
	}
}
