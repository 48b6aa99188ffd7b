package dev.formgate.erasure.support;

import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

/** The privacy officer's side: the admin API with a privacy-admin token, answers read as JSON trees. */
public class PrivacyApi {

	public static final String REQUESTS = "/api/admin/privacy-requests";
	public static final String INVENTORY = "/api/admin/inventory";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Http http;

	public PrivacyApi(int port) {
		this.http = new Http("http://127.0.0.1:" + port, "Authorization",
				AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));
	}

	public Http http() {
		return http;
	}

	public static String newAddress() {
		return "subject-" + UUID.randomUUID() + "@example.org";
	}

	/** A valid filing of this type for this address. */
	public static Map<String, Object> request(String type, String email) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("email", email);
		body.put("receivedVia", "LETTER");
		return body;
	}

	public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(body);
		if (value == null) {
			changed.remove(field);
		}
		else {
			changed.put(field, value);
		}
		return changed;
	}

	public static String json(Object body) {
		return JSON.writeValueAsString(body);
	}

	public static JsonNode tree(String json) {
		return JSON.readTree(json);
	}

	public HttpResponse<String> post(String path, Object body) {
		return http.postJson(path, json(body));
	}

	/** Files the request and returns its view; fails unless 201. */
	public JsonNode file(Map<String, Object> body) {
		HttpResponse<String> answer = post(REQUESTS, body);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
		return tree(answer.body());
	}

	public JsonNode get(String id) {
		HttpResponse<String> answer = http.get(REQUESTS + "/" + id);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return tree(answer.body());
	}

	public JsonNode await(String id, Predicate<JsonNode> condition) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> condition.test(get(id)));
		return get(id);
	}

	public JsonNode awaitState(String id, String state) {
		return await(id, view -> view.path("state").asString().equals(state));
	}

	/** The stores the request waits for, by name. */
	public static List<String> expectedStores(JsonNode view) {
		List<String> stores = new ArrayList<>();
		view.path("stores").forEach(s -> stores.add(s.path("store").asString()));
		return stores;
	}

	public static JsonNode store(JsonNode view, String store) {
		for (JsonNode s : view.path("stores")) {
			if (s.path("store").asString().equals(store)) {
				return s;
			}
		}
		throw new AssertionError("request does not expect " + store);
	}

	/** Waits until the registry lists the store. */
	public void awaitRegistered(String store) {
		Awaitility.await().atMost(Duration.ofSeconds(20))
			.until(() -> http.get(INVENTORY).body().contains("\"store\":\"" + store + "\""));
	}
}
