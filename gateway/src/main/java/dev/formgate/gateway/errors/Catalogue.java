package dev.formgate.gateway.errors;

import dev.formgate.gateway.errors.Problems.Problem;
import dev.formgate.web.ProblemType;

/**
 * The gateway's problems: types of the one catalogue the services answer with too ({@link ProblemType}, listed in
 * docs/api.md), with its fixed texts.
 */
public final class Catalogue {

	public static final Problem NOT_FOUND = Problem.of(ProblemType.NOT_FOUND);

	public static final Problem METHOD_NOT_ALLOWED = Problem.of(ProblemType.METHOD_NOT_ALLOWED);

	public static final Problem TOO_LARGE = Problem.of(ProblemType.TOO_LARGE);

	public static final Problem UNSUPPORTED_MEDIA_TYPE = Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE);

	public static final Problem TOO_MANY_REQUESTS = Problem.of(ProblemType.TOO_MANY_REQUESTS);

	public static final Problem PROOF_OF_WORK_REQUIRED = Problem.of(ProblemType.PROOF_OF_WORK);

	public static final Problem UNKNOWN_FORM = Problem.of(ProblemType.UNKNOWN_FORM);

	public static final Problem FORBIDDEN_ORIGIN = Problem.of(ProblemType.FORBIDDEN_ORIGIN);

	public static final Problem UNAUTHORIZED = Problem.of(ProblemType.UNAUTHORIZED);

	public static final Problem FORBIDDEN = Problem.of(ProblemType.FORBIDDEN);

	public static final Problem UNAVAILABLE = Problem.of(ProblemType.SERVICE_UNAVAILABLE)
		.withDetail("The service behind this address is unavailable; retry after the given time.");

	public static final Problem GATEWAY_TIMEOUT = Problem.of(ProblemType.GATEWAY_TIMEOUT);

	public static final Problem INTERNAL = Problem.of(ProblemType.INTERNAL);

	public static final Problem BAD_REQUEST = Problem.of(ProblemType.BAD_REQUEST);

	public static final Problem PATH_NOT_CANONICAL = Problem.of(ProblemType.PATH_NOT_CANONICAL);

	public static final Problem URI_TOO_LONG = Problem.of(ProblemType.URI_TOO_LONG);

	public static final Problem HEADERS_TOO_LARGE = Problem.of(ProblemType.HEADERS_TOO_LARGE);

	private Catalogue() {
	}
}
