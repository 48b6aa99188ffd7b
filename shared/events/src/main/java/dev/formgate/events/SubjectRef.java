package dev.formgate.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * Pseudonymous reference to a data subject: base64url(HMAC-SHA256(pepper, normalised e-mail)). The only way events
 * name a person. Create one with {@link SubjectRefs}.
 */
public record SubjectRef(@JsonValue String value) {

	@JsonCreator
	public SubjectRef {
		Objects.requireNonNull(value, "value");
		if (!value.matches("[A-Za-z0-9_-]{43}")) {
			throw new IllegalArgumentException("not a subjectRef");
		}
	}

	@Override
	public String toString() {
		return value;
	}
}
