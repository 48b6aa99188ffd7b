package dev.formgate.web;

import java.util.Map;

/**
 * A refusal of a catalogued type, thrown wherever the reason is known and answered by the services' one advice
 * ({@code dev.formgate.web.Problems}): no controller renders problems itself. The detail is a fixed text; properties
 * hold fixed values (states, limits), never anything the client sent.
 */
public class ProblemException extends RuntimeException {

	private final ProblemType type;
	private final String detail;
	private final transient Map<String, Object> properties;

	public ProblemException(ProblemType type) {
		this(type, type.detail(), Map.of());
	}

	public ProblemException(ProblemType type, String detail) {
		this(type, detail, Map.of());
	}

	public ProblemException(ProblemType type, String detail, Map<String, Object> properties) {
		// No stack trace: a refusal is an answer, not a fault, and is never logged.
		super(type.slug(), null, false, false);
		this.type = type;
		this.detail = detail;
		this.properties = Map.copyOf(properties);
	}

	public ProblemType type() {
		return type;
	}

	/** The detail API clients get. */
	public String detail() {
		return detail;
	}

	/** Further members of the answer, e.g. the states of an illegal state change. */
	public Map<String, Object> properties() {
		return properties;
	}
}
