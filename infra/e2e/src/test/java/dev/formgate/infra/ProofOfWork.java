package dev.formgate.infra;

import dev.formgate.security.ProofOfWorkSolver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Fetches a challenge from the stack's gateway and solves it, as the demo page's widget does. */
final class ProofOfWork {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private ProofOfWork() {
	}

	/**
	 * A solution for one form ({@code newsletter}, {@code contact}, {@code comment}, {@code privacy}): the gateway
	 * refuses it on any other.
	 */
	static String solved(LocalStack stack, String form) {
		try {
			var challenge = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
				+ "/api/altcha/challenge?form=" + form)).build(), HttpResponse.BodyHandlers.ofString());
			return ProofOfWorkSolver.solve(challenge.body());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** A solution for the form posted to {@code path} (a path or a full URL). */
	static String solvedFor(LocalStack stack, String path) {
		String target = URI.create(path).getPath();
		return solved(stack, target.startsWith("/api/contact") ? "contact"
				: target.startsWith("/api/privacy/") ? "privacy"
						: target.startsWith("/api/comments") ? "comment" : "newsletter");
	}
}
