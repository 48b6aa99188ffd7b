package dev.formgate.contact;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ContactServiceTest
class ContactApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void reportsReadyOnceItsStoreAnswers() {
		var response = new Http("http://127.0.0.1:" + port).get("/actuator/health/readiness");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void reportsDownWhenItsStoreIsGone() {
		var unreachable = new MongoServer(new MemoryBackend());
		unreachable.bind();
		var indicator = new StoreHealthIndicator(new MongoTemplate(MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString("mongodb://127.0.0.1:"
					+ unreachable.getLocalAddress().getPort() + "/?serverSelectionTimeoutMS=500"))
			.build()), "formgate-contact"));
		unreachable.shutdownNow();

		assertThat(indicator.health(false).getStatus().getCode()).isEqualTo("DOWN");
	}
}
