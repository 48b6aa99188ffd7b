package dev.formgate.newsletter.observability;

import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The service describes its HTTP API: public calls open, admin calls with token and role, errors as problems. */
@NewsletterServiceTest
class ApiDocsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesAnOpenApiDocumentOfItsCalls() {
		var answer = new Http("http://127.0.0.1:" + port).get("/v3/api-docs");

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode doc = JsonMapper.builder().build().readTree(answer.body());
		assertThat(doc.get("openapi").asString()).startsWith("3.");
		JsonNode paths = doc.get("paths");
		assertThat(paths.has("/api/newsletter/subscriptions")).isTrue();
		assertThat(paths.has("/newsletter/confirm")).isTrue();
		assertThat(paths.has("/newsletter/unsubscribe")).isTrue();
		JsonNode adminCall = paths.get("/api/admin/newsletter/unsubscriptions").get("post");
		assertThat(adminCall.get("security").toString()).contains("admin-token");
		assertThat(adminCall.get("description").asString()).contains("newsletter-editor");
		assertThat(adminCall.get("responses").get("403").get("content").has("application/problem+json")).isTrue();
		assertThat(paths.get("/api/newsletter/subscriptions").get("post").get("security")).isNull();
		assertThat(paths.get("/newsletter/confirm").get("post").get("responses").get("400").get("content")
			.has("text/html")).isTrue();
		assertThat(doc.get("components").get("securitySchemes").get("admin-token").get("scheme").asString())
			.isEqualTo("bearer");
		assertThat(answer.body()).doesNotContain("/actuator");
	}
}
