package dev.formgate.erasure.observability;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's admin API is described with the privacy-admin role and problem answers. */
@ErasureServiceTest
class ApiDocsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesAnOpenApiDocumentOfItsCalls() {
		var answer = new Http("http://127.0.0.1:" + port).get("/v3/api-docs");

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode paths = JsonMapper.builder().build().readTree(answer.body()).get("paths");
		JsonNode filing = paths.get("/api/admin/privacy-requests").get("post");
		assertThat(filing.get("security").toString()).contains("admin-token");
		assertThat(filing.get("description").asString()).contains("privacy-admin");
		assertThat(filing.get("responses").get("400").get("content").has("application/problem+json")).isTrue();
		assertThat(paths.has("/api/admin/privacy-requests/{id}/receipt")).isTrue();
		assertThat(paths.has("/api/admin/inventory")).isTrue();
	}
}
