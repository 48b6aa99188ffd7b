package dev.formgate.contact.request.web;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.Http;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service does not trust the gateway to send canonical paths only: Tomcat would decode these to the contact
 * endpoint, whose proof of work the gateway checks on the canonical path alone.
 */
@ContactServiceTest
class CanonicalPathIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@ParameterizedTest
	@ValueSource(strings = { "/api/contac%74", "/%61pi/contact", "/api/contact;x=1" })
	void refusesAnEncodedSpellingOfTheContactFormAndStoresNothing(String path) {
		String email = newAddress();

		var answer = new Http("http://127.0.0.1:" + port).postJson(path, json(valid(email)));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("https://formgate.dev/problems/path-not-canonical");
		assertThat(mongo.getCollection("contact_requests").find(new Document("email", email)).first()).isNull();
	}
}
