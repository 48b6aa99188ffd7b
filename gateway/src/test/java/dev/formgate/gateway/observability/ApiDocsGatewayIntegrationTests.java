package dev.formgate.gateway.observability;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's Swagger UI lists the services' documents, fetched through routes, under the unchanged CSP. */
@GatewayTest
class ApiDocsGatewayIntegrationTests {

	final Client client;

	ApiDocsGatewayIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@Test
	void routesEachServicesDocumentAndNothingElseOfIt() {
		client.get("/api-docs/contact");

		assertThat(GatewayTestInfrastructure.RECEIVED).anySatisfy(received -> {
			assertThat(received.method()).isEqualTo("GET");
			assertThat(received.path()).isEqualTo("/v3/api-docs");
		});
		int before = GatewayTestInfrastructure.RECEIVED.size();
		assertThat(client.get("/v3/api-docs").statusCode()).isNotEqualTo(200);
		client.get("/api-docs/contact/../../actuator/prometheus");
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@Test
	void servesSwaggerUiListingTheServicesUnderTheStrictContentSecurityPolicy() {
		var config = client.get("/api-docs/gateway/swagger-config");
		assertThat(config.statusCode()).isEqualTo(200);
		assertThat(config.body()).contains("/api-docs/newsletter").contains("/api-docs/contact")
			.contains("/api-docs/erasure");

		var page = client.get("/webjars/swagger-ui/index.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-initializer.js").doesNotContain("<script>")
			.doesNotContain("<style");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
			.contains("script-src 'self'")
			.doesNotContain("unsafe-inline"));
		var initializer = client.get("/webjars/swagger-ui/swagger-initializer.js");
		assertThat(initializer.statusCode()).isEqualTo(200);
		assertThat(initializer.body()).contains("/api-docs/gateway/swagger-config");
	}
}
