package dev.formgate.erasure;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.store.StoreHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@ErasureServiceTest
class ErasureApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void reportsReadyOnceItsStoreAnswers() throws Exception {
		var response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void reportsDownWhenItsStoreIsGone() throws Exception {
		var unreachable = new MongoServer(new MemoryBackend());
		unreachable.bind();
		var indicator = new StoreHealthIndicator(new org.springframework.data.mongodb.core.MongoTemplate(
				com.mongodb.client.MongoClients.create(com.mongodb.MongoClientSettings.builder()
					.applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:"
							+ unreachable.getLocalAddress().getPort() + "/?serverSelectionTimeoutMS=500"))
					.build()),
				"formgate-erasure"));
		unreachable.shutdownNow();

		assertThat(indicator.health(false).getStatus().getCode()).isEqualTo("DOWN");
	}

	@Test
	void showsTheLedgerAsGaugesByTypeAndStateWithoutPersonalData() {
		var api = new PrivacyApi(port);
		String email = PrivacyApi.newAddress();
		var filed = api.file(PrivacyApi.request("ERASURE", email));

		String scrape = api.http().get("/actuator/prometheus").body();

		var erasures = Pattern.compile("^formgate_privacy_requests\\{[^}]*type=\"erasure\"[^}]*\\} (\\S+)$",
				Pattern.MULTILINE).matcher(scrape);
		double sum = 0;
		while (erasures.find()) {
			sum += Double.parseDouble(erasures.group(1));
		}
		assertThat(sum).isGreaterThanOrEqualTo(1);
		assertThat(scrape).contains("formgate_privacy_requests_overdue").contains("formgate_outbox_events")
			.doesNotContain("@")
			.doesNotContain(filed.get("id").asString());
	}
}
