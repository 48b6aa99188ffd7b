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

	static String solved(LocalStack stack) {
		try {
			var challenge = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/altcha/challenge"))
				.build(), HttpResponse.BodyHandlers.ofString());
			return ProofOfWorkSolver.solve(challenge.body());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
