package dev.formgate.web;

import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How input that Spring could not bind or that broke a rule becomes {@link ProblemType#INVALID_INPUT} with one
 * {@link FieldProblem} per field at fault, for {@link Problems}: the field as declared and the rule in English words
 * of our own, never the value sent or a framework's words, and never a field name that is not a plain word.
 */
final class FieldProblems {

	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,40}");

	private FieldProblems() {
	}

	static Problem invalid(List<FieldProblem> errors) {
		return Problem.of(ProblemType.INVALID_INPUT).withErrors(errors);
	}

	/** A query or form parameter that did not convert to its type. */
	static Problem unconverted(MethodArgumentTypeMismatchException mismatch) {
		return invalid(List.of(unconverted(fieldName(mismatch.getName()), mismatch)));
	}

	/** A required query or form parameter that was not sent. */
	static Problem missing(MissingServletRequestParameterException missing) {
		return invalid(List.of(FieldProblem.required(fieldName(missing.getParameterName()))));
	}

	static Problem unreadable(HttpMessageNotReadableException e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof RequestBodyLimit.TooLarge) {
				return Problem.of(ProblemType.TOO_LARGE);
			}
		}
		Problem problem = Problem.of(ProblemType.INVALID_INPUT,
				"The request body is not well-formed JSON of the expected shape.");
		for (Throwable t = e; t != null; t = t.getCause()) {
			// e.g. {"email":{"$ne":null}}: an object where text belongs is refused here, long before any query.
			if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				String name = jackson.getPath().getFirst().getPropertyName();
				if (name == null || !FIELD_NAME.matcher(name).matches()) {
					return problem; // never echo a name that is not one of ours
				}
				Class<?> target = t instanceof MismatchedInputException mismatch && jackson.getPath().size() == 1
						? mismatch.getTargetType() : null;
				String rule = target == null ? null : expected(target);
				return problem.withErrors(List.of(FieldProblem.invalid(name,
						rule == null || rule.startsWith("This") ? "This field has the wrong type." : rule)));
			}
		}
		return problem;
	}

	/** Binding of a form, query or body record: every field at fault, in the order declared. */
	static Problem invalid(BindingResult result) {
		List<FieldProblem> errors = new ArrayList<>();
		for (FieldError error : result.getFieldErrors()) {
			FieldProblem problem = error.contains(TypeMismatchException.class)
					? unconverted(fieldName(error.getField()), error.unwrap(TypeMismatchException.class))
					: describe(fieldName(error.getField()),
							error.contains(ConstraintViolation.class) ? error.unwrap(ConstraintViolation.class) : null);
			if (errors.stream().noneMatch(known -> known.field().equals(problem.field()))) {
				errors.add(problem);
			}
		}
		return invalid(errors);
	}

	static Problem invalid(HandlerMethodValidationException e) {
		List<FieldProblem> errors = new ArrayList<>();
		e.getParameterValidationResults().forEach(result -> {
			RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
			String name = param != null && !param.name().isEmpty() ? param.name()
					: result.getMethodParameter().getParameterName();
			result.getResolvableErrors().stream().findFirst()
				.ifPresent(error -> errors.add(describe(fieldName(name), violation(result, error))));
		});
		return invalid(errors);
	}

	private static ConstraintViolation<?> violation(ParameterValidationResult result, MessageSourceResolvable error) {
		try {
			return result.unwrap(error, ConstraintViolation.class);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** A constraint's rule in English words of our own, whatever the request's language; never the value. */
	private static FieldProblem describe(String field, ConstraintViolation<?> violation) {
		if (violation == null) {
			return FieldProblem.invalid(field, "This value is not allowed.");
		}
		Map<String, Object> rule = violation.getConstraintDescriptor().getAttributes();
		return switch (violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()) {
			case "NotNull", "NotBlank", "NotEmpty" -> FieldProblem.required(field);
			case "Size" -> new FieldProblem(field, "too-long", "At most " + rule.get("max") + " characters.");
			case "Min", "DecimalMin" -> FieldProblem.invalid(field, "At least " + rule.get("value") + ".");
			case "Max", "DecimalMax" -> FieldProblem.invalid(field, "At most " + rule.get("value") + ".");
			case "DurationMax" -> FieldProblem.invalid(field, "At most " + rule.get("days") + " days.");
			case "DurationMin" -> FieldProblem.invalid(field, "Not negative.");
			default -> FieldProblem.invalid(field, "This value is not allowed.");
		};
	}

	/** A value that did not convert: sent twice ({@link SingleValues}), or not of the field's type. */
	private static FieldProblem unconverted(String field, TypeMismatchException mismatch) {
		if (mismatch.getValue() instanceof String[] values && values.length > 1) {
			return new FieldProblem(field, "duplicate", "This field was sent more than once.");
		}
		return FieldProblem.invalid(field, expected(mismatch.getRequiredType()));
	}

	/** What a field of this type accepts, for the detail of a value that did not convert. */
	static String expected(Class<?> type) {
		if (type == null) {
			return "This value has the wrong form.";
		}
		if (type.isEnum()) {
			return "One of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
				.collect(Collectors.joining(", ")) + ".";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "A whole number.";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false.";
		}
		if (type == Duration.class) {
			return "A duration such as P30D or 30d.";
		}
		if (type == LocalDate.class) {
			return "A date such as 2025-01-31.";
		}
		return "This value has the wrong form.";
	}

	/** A field is named as declared; a name that is not a plain word is never echoed. */
	private static String fieldName(String name) {
		return name != null && FIELD_NAME.matcher(name).matches() ? name : "(field)";
	}
}
