package dev.formgate.web;

import java.util.List;

/** One or more fields of a request are wrong; answered with 400 naming each field, never its value. */
public class InvalidInputException extends ProblemException {

	private final transient List<FieldProblem> problems;

	public InvalidInputException(List<FieldProblem> problems) {
		super(ProblemType.INVALID_INPUT);
		this.problems = List.copyOf(problems);
	}

	public InvalidInputException(FieldProblem problem) {
		this(List.of(problem));
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

		public static FieldProblem required(String field) {
			return new FieldProblem(field, "required", "This field is required.");
		}

		public static FieldProblem invalid(String field, String detail) {
			return new FieldProblem(field, "invalid", detail);
		}
	}
}
