package dev.formgate.contact.observability;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The service describes its HTTP API: the public form, staff calls with token and role, errors as problems. */
@ContactServiceTest
class ApiDocsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesAnOpenApiDocumentOfItsCalls() {
		var answer = new Http("http://127.0.0.1:" + port).get("/v3/api-docs");

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode paths = JsonMapper.builder().build().readTree(answer.body()).get("paths");
		assertThat(paths.get("/api/contact").get("post").get("security")).isNull();
		JsonNode staffCall = paths.get("/api/admin/contact-requests/{id}/state").get("put");
		assertThat(staffCall.get("security").toString()).contains("admin-token");
		assertThat(staffCall.get("description").asString()).contains("contact-agent");
		assertThat(staffCall.get("responses").get("401").get("content").has("application/problem+json")).isTrue();
	}
}
