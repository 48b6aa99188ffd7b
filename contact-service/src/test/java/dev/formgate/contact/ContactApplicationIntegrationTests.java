package dev.formgate.contact;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.store.StoreHealthIndicator;
import dev.formgate.testing.Http;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.regex.Pattern;

import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;

import static org.assertj.core.api.Assertions.assertThat;

@ContactServiceTest
class ContactApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

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

	@Test
	void countsRequestsByConfiguredTopicWithoutPersonalDataInTags() {
		var http = new Http("http://127.0.0.1:" + port);
		String email = newAddress();
		var form = valid(email);
		http.postJson("/api/contact", json(form));
		String id = mongo.getCollection("contact_requests").find(new Document("email", email)).first().getString("_id");
		var staff = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));
		for (String state : new String[] { "IN_PROGRESS", "ANSWERED", "CLOSED" }) {
			staff.send("PUT", "/api/admin/contact-requests/" + id + "/state", "{\"state\":\"" + state + "\"}");
		}

		String scrape = http.get("/actuator/prometheus").body();

		String topic = "topic=\"" + form.get("topic") + "\"";
		assertThat(counter(scrape, "formgate_contact_requests_received_total", topic)).isGreaterThanOrEqualTo(1);
		assertThat(counter(scrape, "formgate_contact_requests_closed_total", topic)).isGreaterThanOrEqualTo(1);
		assertThat(scrape).contains("formgate_contact_requests_overdue").contains("formgate_outbox_mails")
			.doesNotContain("@")
			.doesNotContain(id);
	}

	/** The sum of a counter's samples whose labels contain the given text. */
	static double counter(String scrape, String name, String labels) {
		var sample = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
		double sum = 0;
		while (sample.find()) {
			if (sample.group(1).contains(labels)) {
				sum += Double.parseDouble(sample.group(2));
			}
		}
		return sum;
	}
}
