package dev.formgate.infra;

import dev.formgate.security.AdminRoles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls through the stack's gateway as staff in a role, with a fresh token; and the privacy officer's ledger: filing a
 * data-subject request, reading it, waiting until every store has answered.
 */
final class Staff {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Staff() {
	}

	/** @param json the body, or null for none */
	static HttpResponse<String> call(LocalStack stack, String role, String method, String path, String json)
			throws IOException, InterruptedException {
		var builder = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
			.header("Authorization", "Bearer " + stack.adminToken(Duration.ofMinutes(5), role));
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		return HTTP.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** As the privacy officer (role {@code privacy-admin}). */
	static HttpResponse<String> privacyAdmin(LocalStack stack, String method, String path, String json)
			throws IOException, InterruptedException {
		return call(stack, AdminRoles.PRIVACY_ADMIN, method, path, json);
	}

	/** Files a data-subject request with these fields over the admin API; its id. */
	static String fileRequest(LocalStack stack, Map<String, String> fields) throws Exception {
		var filed = privacyAdmin(stack, "POST", "/api/admin/privacy-requests", JSON.writeValueAsString(fields));
		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
		return JSON.readTree(filed.body()).path("id").asString();
	}

	/** The request as the admin API shows it. */
	static JsonNode privacyRequest(LocalStack stack, String id) throws Exception {
		return JSON.readTree(privacyAdmin(stack, "GET", "/api/admin/privacy-requests/" + id, null).body());
	}

	/** Waits until the request is finished (completed, partial or failed); the request then. */
	static JsonNode awaitFinished(LocalStack stack, String id) throws Exception {
		await().atMost(Duration.ofSeconds(90)).until(() -> Set.of("COMPLETED", "PARTIAL", "FAILED")
			.contains(privacyRequest(stack, id).path("state").asString()));
		return privacyRequest(stack, id);
	}

	/** Whether the store has answered the request (with any outcome). */
	static boolean answeredBy(JsonNode request, String store) {
		return StreamSupport.stream(request.path("stores").spliterator(), false)
			.anyMatch(s -> s.path("store").asString().equals(store) && !s.path("outcome").isNull()
					&& !s.path("outcome").isMissingNode());
	}

	/** The status of one store in the request. */
	static JsonNode store(JsonNode request, String store) {
		return StreamSupport.stream(request.path("stores").spliterator(), false)
			.filter(s -> s.path("store").asString().equals(store)).findFirst().orElseThrow();
	}
}
