package dev.formgate.newsletter.subscription;

import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The service does not trust the gateway to send canonical paths only: Tomcat would decode these to the sign-up
 * endpoint, whose proof of work the gateway checks on the canonical path alone.
 */
@NewsletterServiceTest
class CanonicalPathIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@ParameterizedTest
	@ValueSource(strings = { "/api/newsletter/%73ubscriptions", "/api/%6eewsletter/subscriptions",
			"/%61pi/newsletter/subscriptions", "/api/newsletter/subscriptions;x=1" })
	void refusesAnEncodedSpellingOfTheSignUpAndStoresNothing(String path) {
		String email = "encoded-" + UUID.randomUUID() + "@example.org";

		var answer = new Http("http://127.0.0.1:" + port).postJson(path,
				"{\"email\":\"" + email + "\",\"consent\":true}");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("https://formgate.dev/problems/path-not-canonical");
		assertThat(mongo.exists(query(where("email").is(email)), Subscription.class)).isFalse();
	}
}
