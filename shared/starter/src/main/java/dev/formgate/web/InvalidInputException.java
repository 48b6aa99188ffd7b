package dev.formgate.web;

import java.util.List;

/** One or more fields of a request are wrong; answered with 400 naming each field. */
public class InvalidInputException extends RuntimeException {

	private final transient List<FieldProblem> problems;

	public InvalidInputException(List<FieldProblem> problems) {
		super("invalid fields: " + problems.stream().map(FieldProblem::field).toList());
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	/**
	 * @param field the request field, as named in the form or JSON body
	 * @param code stable machine-readable reason, e.g. {@code invalid}, {@code required}
	 * @param detail human-readable reason in English (pages translate the code)
	 */
	public record FieldProblem(String field, String code, String detail) {
	}
}
