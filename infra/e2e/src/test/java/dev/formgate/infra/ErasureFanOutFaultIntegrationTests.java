package dev.formgate.infra;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An erasure request fans out while contact-service, which holds the person's contact request, is stopped: the
 * request waits for its answer and completes once the service is back (it reads the request from its consumer
 * group's committed offset), with the data gone.
 */
@Tag("fault")
class ErasureFanOutFaultIntegrationTests {

	static final ObjectMapper JSON = new ObjectMapper();

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void anErasureFiledWhileAStoreIsDownCompletesAfterItReturns() throws Exception {
		LocalStack stack = FaultStack.get();
		String email = Faults.emails("erase-down", 1).getFirst();
		assertThat(Faults.contact(stack, email, Faults.client(6, 1)).status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60)).until(() -> Faults.staffMailsBySender(stack).containsKey(email));

		stack.stopService("contact-service");
		String id;
		Instant back;
		try {
			var filed = admin(stack, "POST", "/api/admin/privacy-requests", "{\"type\":\"ERASURE\",\"email\":\""
					+ email + "\",\"receivedVia\":\"EMAIL\",\"note\":\"fault suite\"}");
			assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
			id = JSON.readTree(filed.body()).get("id").asString();
			await().atMost(Duration.ofSeconds(60)).until(() -> answered(stack, id, "newsletter-service"));
			assertThat(request(stack, id).get("state").asString()).isEqualTo("IN_PROGRESS");
		}
		finally {
			stack.startService("contact-service");
			back = Instant.now();
		}
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
			.until(() -> Set.of("COMPLETED", "PARTIAL", "FAILED").contains(request(stack, id).get("state").asString()));
		Instant done = Instant.now();
		JsonNode finished = request(stack, id);

		Faults.figures("erasure-store-down", "sent", 1, "completed", finished.get("state").asString(), "lost", 0,
				"recoverySeconds", Faults.seconds(back, done));
		assertThat(finished.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(answered(stack, id, "contact-service")).isTrue();
	}

	private static boolean answered(LocalStack stack, String id, String store) throws Exception {
		for (JsonNode answer : request(stack, id).get("stores")) {
			if (store.equals(answer.get("store").asString()) && answer.hasNonNull("outcome")) {
				return true;
			}
		}
		return false;
	}

	private static JsonNode request(LocalStack stack, String id) throws Exception {
		return JSON.readTree(admin(stack, "GET", "/api/admin/privacy-requests/" + id, null).body());
	}

	private static HttpResponse<String> admin(LocalStack stack, String method, String path, String body)
			throws Exception {
		var request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + stack.adminToken(Duration.ofMinutes(5), "privacy-admin"));
		if (body == null) {
			request.GET();
		}
		else {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		return Faults.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
