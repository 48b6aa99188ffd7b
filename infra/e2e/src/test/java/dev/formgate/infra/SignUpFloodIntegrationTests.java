package dev.formgate.infra;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail-bombing attack on sign-up forms: one victim's address signed up 10,000 times from 100 addresses in four
 * networks, every request with a solved proof of work. The gateway's limits answer most with 429; the service's
 * per-address cooldown lets at most one confirmation mail through, measured in the real SMTP server.
 */
class SignUpFloodIntegrationTests {

	static final int ADDRESSES = 100;
	static final int PER_ADDRESS = 100;

	@Test
	void tenThousandSignUpsForOneAddressFromOneHundredAddressesSendOneConfirmationMail() throws Exception {
		LocalStack stack = SharedStack.get();
		String victim = "victim-" + UUID.randomUUID() + "@example.org";
		String body = "{\"email\":\"" + victim + "\",\"consent\":true}";
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		AtomicInteger withoutRetryAfter = new AtomicInteger();

		Instant start = Instant.now();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<?>> senders = new ArrayList<>();
			for (int a = 0; a < ADDRESSES; a++) {
				// 100.64.0.0/10 (shared address space): four /24 networks of 25 addresses each.
				String client = "100.64." + (a % 4) + "." + (10 + a / 4);
				senders.add(pool.submit(() -> {
					for (int i = 0; i < PER_ADDRESS; i++) {
						var answer = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
								+ "/api/newsletter/subscriptions"))
							.header("Content-Type", "application/json")
							.header("X-Forwarded-For", client)
							.header("Altcha", ProofOfWork.solved(stack, "newsletter"))
							.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
						statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
						if (answer.statusCode() == 429 && answer.headers().firstValue("Retry-After").isEmpty()) {
							withoutRetryAfter.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> sender : senders) {
				sender.get();
			}
		}
		Duration took = Duration.between(start, Instant.now());

		int accepted = statuses.getOrDefault(202, new AtomicInteger()).get();
		int limited = statuses.getOrDefault(429, new AtomicInteger()).get();
		System.out.printf("Sign-up flood: %d requests in %d s: %d accepted (202), %d limited (429), statuses %s%n",
				ADDRESSES * PER_ADDRESS, took.toSeconds(), accepted, limited, statuses);
		assertThat(statuses.keySet()).as("only 202 and 429").containsOnly(202, 429);
		assertThat(accepted + limited).isEqualTo(ADDRESSES * PER_ADDRESS);
		// Each network's bucket holds 200 and refills gradually at 200 an hour while the flood runs.
		long refilled = (long) Math.ceil(200.0 * took.toMillis() / Duration.ofHours(1).toMillis());
		assertThat(accepted).as("at most the four networks' buckets").isPositive()
			.isLessThanOrEqualTo((int) (4 * (200 + refilled)));
		assertThat(withoutRetryAfter).hasValue(0);

		await().atMost(Duration.ofSeconds(30)).until(() -> stack.mailsTo(victim).size() >= 1);
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
			.until(() -> stack.mailsTo(victim).size() == 1);
		System.out.printf("Sign-up flood: confirmation mails to the victim: %d%n", stack.mailsTo(victim).size());
	}
}
