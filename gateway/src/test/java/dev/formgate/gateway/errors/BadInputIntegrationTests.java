package dev.formgate.gateway.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers that do not parse are the client's error: a 4xx problem that echoes nothing, and no ERROR line for a
 * request any visitor can send.
 */
@GatewayTest
class BadInputIntegrationTests {

	final Client client;
	final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	BadInputIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@BeforeEach
	void listen() {
		logged.start();
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
	}

	@AfterEach
	void stopListening() {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
		// The only ERROR lines allowed are the Kafka client's about the absent broker of these tests.
		assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
			.filteredOn(e -> !e.getLoggerName().startsWith("org.apache.kafka"))
			.extracting(ILoggingEvent::getLoggerName).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json; charset=bogus", "application/json; =;;", "/", "application/",
			"application/x-www-form-urlencoded; charset=\"", ";;;" })
	void answersAContentTypeThatDoesNotParseWith415(String type) {
		int before = GatewayTestInfrastructure.RECEIVED.size();

		var answer = client.send("POST", "/api/newsletter/subscriptions", type, "{}", "X-Forwarded-For",
				Client.freshAddress());

		assertThat(answer.statusCode()).as(type).isEqualTo(415);
		assertThat(answer.body()).contains("https://formgate.dev/problems/unsupported-media-type")
			.doesNotContain("bogus").doesNotContain("Content-Type '");
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://x:abc", "http://[::1", "x://", "http://x:99999999999" })
	void refusesAnOriginThatDoesNotParseWith403(String origin) {
		var post = client.postJson("/api/newsletter/subscriptions", "{}", "Origin", origin, "X-Forwarded-For",
				Client.freshAddress());
		var preflight = client.send("OPTIONS", "/api/contact", null, null, "Origin", origin,
				"Access-Control-Request-Method", "POST");

		assertThat(post.statusCode()).as(origin).isEqualTo(403);
		assertThat(post.body()).contains("https://formgate.dev/problems/forbidden-origin").doesNotContain(origin);
		assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
	}

	@Test
	void answersAnAcceptOrLanguageThatDoesNotParseWithTheUsualProblem() {
		var answer = client.get("/nothing/here", "Accept", ";;/", "Accept-Language", "=;;,,q=x");

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.body()).contains("https://formgate.dev/problems/not-found");
	}
}
