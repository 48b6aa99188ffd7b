package dev.formgate.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls through the stack's gateway as the privacy officer (role {@code privacy-admin}), with a fresh token. */
final class PrivacyAdmin {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private PrivacyAdmin() {
	}

	/** @param json the body, or null for none */
	static HttpResponse<String> call(LocalStack stack, String method, String path, String json)
			throws IOException, InterruptedException {
		var builder = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
			.header("Authorization", "Bearer " + stack.adminToken(Duration.ofMinutes(5), "privacy-admin"));
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		return HTTP.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
	}
}
