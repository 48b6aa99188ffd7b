package dev.formgate.infra;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MongoDB is down: nothing can be stored, so nothing may be answered with 202. The gateway (its used-solution store)
 * and the services (their intake) answer 503 with Retry-After within seconds, readiness says so, and once MongoDB is
 * back, sign-ups succeed again without restarting anything.
 */
@Tag("fault")
class StoreOutageFaultIntegrationTests {

	static final int DURING_OUTAGE = 10;
	static final Duration QUICK = Duration.ofSeconds(6);

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void answers503QuicklyWhileTheStoreIsDownAndRecoversByItself() throws Exception {
		LocalStack stack = FaultStack.get();
		List<String> refusedEmails = Faults.emails("store-down", DURING_OUTAGE);
		List<Faults.Answer> gateway = new ArrayList<>();
		List<Faults.Answer> service = new ArrayList<>();
		int readinessWhileDown;
		stack.stopMongo();
		Instant up;
		try {
			for (int i = 0; i < DURING_OUTAGE; i++) {
				gateway.add(Faults.signUp(stack, refusedEmails.get(i), Faults.client(5, i)));
			}
			// The service's own intake, reached directly: the same answer when its store is gone.
			String direct = "http://127.0.0.1:" + FaultStack.ports().newsletter() + "/api/newsletter/subscriptions";
			service.add(Faults.post(direct, "{\"email\":\"" + Faults.emails("store-direct", 1).getFirst()
					+ "\",\"consent\":true}", "10.5.9.1", null));
			readinessWhileDown = Faults.HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
					+ "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		finally {
			stack.startMongo();
			up = Instant.now();
		}

		String after = Faults.emails("store-back", 1).getFirst();
		int[] attempts = { 0 };
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
			.until(() -> Faults.signUp(stack, after, Faults.client(5, 100 + attempts[0]++)).status() == 202);
		Instant recovered = Instant.now();
		await().atMost(Duration.ofSeconds(60)).until(() -> !stack.mailsTo(after).isEmpty());
		// That mail went through the same relay after recovery: a refused sign-up stored by mistake would have too.
		int mailedAlthoughRefused = Faults.count(Faults.mailsByRecipient(stack), refusedEmails).reached();

		long slowest = gateway.stream().mapToLong(a -> a.took().toMillis()).max().orElseThrow();
		Faults.figures("mongodb-down", "sent", DURING_OUTAGE, "accepted", gateway.stream()
			.filter(a -> a.status() == 202).count(), "gatewayStatuses", gateway.stream().map(Faults.Answer::status)
			.distinct().toList(), "slowestAnswerMs", slowest, "serviceStatus", service.getFirst().status(),
				"serviceAnswerMs", service.getFirst().took().toMillis(), "readinessWhileDown", readinessWhileDown,
				"lost", 0, "mailedAlthoughRefused", mailedAlthoughRefused, "recoverySeconds",
				Faults.seconds(up, recovered), "attemptsUntilRecovered", attempts[0]);
		assertThat(gateway).allSatisfy(answer -> {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.retryAfter()).isNotBlank();
			assertThat(answer.took()).isLessThan(QUICK);
		});
		assertThat(service.getFirst().status()).isEqualTo(503);
		assertThat(service.getFirst().retryAfter()).isNotBlank();
		assertThat(service.getFirst().took()).isLessThan(QUICK);
		assertThat(readinessWhileDown).isEqualTo(503);
		assertThat(mailedAlthoughRefused).isZero();
	}
}
