package dev.formgate.testing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's OpenAPI document must say, proven on its real context: admin calls with the bearer scheme, the
 * role in their description and problem answers; public calls without a token; nothing of actuator. Each service runs
 * it as a subclass carrying its test annotation, and adds what is particular to its API.
 */
public abstract class ApiDocsContract {

	/** An admin call the document must describe, the role it names and a status it answers with a problem. */
	public record AdminCall(String path, String method, String role, String problemStatus) {
	}

	/** A public call ({@code path}, {@code method}) that needs no token. */
	public record PublicCall(String path, String method) {
	}

	@LocalServerPort
	int port;

	protected abstract List<AdminCall> adminCalls();

	protected abstract List<PublicCall> publicCalls();

	/** The service's OpenAPI document, as {@code /v3/api-docs} serves it. */
	protected JsonNode document() {
		var answer = new Http("http://127.0.0.1:" + port).get("/v3/api-docs");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).doesNotContain("/actuator");
		return JsonMapper.builder().build().readTree(answer.body());
	}

	@Test
	void describesItsAdminCallsWithTheBearerSchemeTheirRoleAndProblemAnswers() {
		JsonNode document = document();

		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("components").get("securitySchemes").get("admin-token").get("scheme").asString())
			.isEqualTo("bearer");
		for (AdminCall call : adminCalls()) {
			JsonNode operation = document.get("paths").get(call.path()).get(call.method());
			assertThat(operation.get("security").toString()).as(call.path()).contains("admin-token");
			assertThat(operation.get("description").asString()).as(call.path()).contains(call.role());
			assertThat(operation.get("responses").get(call.problemStatus()).get("content").has("application/problem+json"))
				.as(call.path()).isTrue();
		}
	}

	@Test
	void describesItsPublicCallsWithoutAToken() {
		JsonNode paths = document().get("paths");

		for (PublicCall call : publicCalls()) {
			assertThat(paths.has(call.path())).as(call.path()).isTrue();
			assertThat(paths.get(call.path()).get(call.method()).get("security")).as(call.path()).isNull();
		}
	}
}
