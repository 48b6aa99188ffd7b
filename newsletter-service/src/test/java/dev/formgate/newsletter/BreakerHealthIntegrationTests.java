package dev.formgate.newsletter;

import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.Http;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.MailSendException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit breakers' states are visible in health and metrics; an open SMTP breaker (mails wait in the outbox)
 * neither takes readiness down nor turns the service's health DOWN.
 */
@NewsletterServiceTest
class BreakerHealthIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry breakers;

	@AfterEach
	void closeBreaker() {
		breakers.circuitBreaker("smtp").reset();
	}

	@Test
	void showsTheSmtpBreakerOpenAfterFailuresWhileStayingReady() {
		CircuitBreaker smtp = breakers.circuitBreaker("smtp");
		for (int i = 0; i < smtp.getCircuitBreakerConfig().getMinimumNumberOfCalls(); i++) {
			smtp.onError(1, TimeUnit.MILLISECONDS, new MailSendException("connection refused"));
		}
		assertThat(smtp.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		var http = new Http("http://127.0.0.1:" + port);

		// Components and their details are for admins only.
		var health = http.get("/actuator/health", "Authorization", AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		JsonNode breakersHealth = JSON.readTree(health.body()).path("components").path("circuitBreakers");
		assertThat(breakersHealth.path("details").path("smtp").path("details").path("state").asString())
			.isEqualTo("OPEN");
		assertThat(breakersHealth.path("details").path("kafka").path("details").path("state").asString())
			.isEqualTo("CLOSED");
		assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);

		var state = http.get("/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:smtp&tag=state:open");
		assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
		assertThat(JSON.readTree(state.body()).path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
	}

	@Test
	void exposesTheIntakeBulkheadAndStoreBreakerInMetrics() {
		var http = new Http("http://127.0.0.1:" + port);

		var bulkhead = http.get("/actuator/metrics/resilience4j.bulkhead.max.allowed.concurrent.calls?tag=name:store-intake");
		assertThat(bulkhead.statusCode()).as(bulkhead.body()).isEqualTo(200);
		assertThat(JSON.readTree(bulkhead.body()).path("measurements").get(0).path("value").asDouble()).isEqualTo(64);
		assertThat(http.get("/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:mongo&tag=state:closed")
			.statusCode()).isEqualTo(200);
	}
}
