package dev.formgate.infra;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka's ConsumerBounceTest for the whole sign-up path: 1,000 sign-ups while the broker is stopped and started five
 * times. Kafka is not on the request path (the sign-up and what it owes are stored in one document), so every
 * sign-up is accepted; the outbox relay then gets each event and mail out once the broker is back.
 */
@Tag("fault")
class BrokerBounceFaultIntegrationTests {

	static final int SIGN_UPS = 1000;
	static final int BOUNCES = 5;
	static final Duration DOWN = Duration.ofSeconds(4);

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void everySignUpGetsOneConfirmationMailAndOneRequestedEventWhileTheBrokerBounces() throws Exception {
		LocalStack stack = FaultStack.get();
		List<String> emails = Faults.emails("bounce", SIGN_UPS);
		try (var consumer = EventCounter.start(stack, "newsletter.events", ".SubscriptionRequested",
				"fault-bounce-" + UUID.randomUUID())) {
			long countedBefore = Faults.consentsRequested(stack);
			Instant start = Instant.now();
			var bouncing = CompletableFuture.runAsync(() -> bounce(stack));
			Map<String, Faults.Answer> answers;
			try {
				answers = Faults.signUps(stack, emails, 1, 8);
			}
			finally {
				bouncing.join();
			}
			Instant brokerBack = Instant.now();
			List<String> accepted = Faults.accepted(answers);
			assertThat(Faults.statuses(answers)).as("Kafka is not on the request path").containsOnlyKeys(202);

			Map<String, Integer> expected = expectedRequestedEvents(stack, accepted);
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(
					() -> Faults.count(Faults.mailsByRecipient(stack), accepted).reached() == accepted.size()
							&& consumer.distinctPerKey(expected.keySet()).equals(expected)
							&& Faults.consentsRequested(stack) - countedBefore >= accepted.size());
			Instant recovered = Instant.now();
			// Anything sent twice would have arrived by now: the relay's rounds take milliseconds.
			await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
				.until(() -> consumer.distinctPerKey(expected.keySet()).equals(expected));
			long countedByErasureService = Faults.consentsRequested(stack) - countedBefore;
			Faults.MailCount mails = Faults.count(Faults.mailsByRecipient(stack), accepted);
			Map<String, Long> inTopic = requestedRecordsInTopic(stack, expected.keySet());
			long topicDuplicates = inTopic.values().stream().mapToLong(n -> n - 1).sum();

			Faults.figures("broker-bounce", "sent", SIGN_UPS, "accepted", accepted.size(), "bounces", BOUNCES,
					"lost", accepted.size() - mails.reached(), "duplicateMails", mails.duplicates(),
					"duplicateEventsInTopic", topicDuplicates, "redeliveriesDropped", consumer.redeliveries(),
					"countedByErasureService", countedByErasureService,
					"recoverySeconds", Faults.seconds(brokerBack, recovered), "signUpSeconds",
					Faults.seconds(start, brokerBack));
			assertThat(mails.reached()).as("a confirmation mail for every sign-up").isEqualTo(accepted.size());
			assertThat(mails.duplicates()).as("no second confirmation mail").isZero();
			assertThat(inTopic).as("every sign-up's SubscriptionRequested is on the topic")
				.containsOnlyKeys(expected.keySet());
			assertThat(consumer.distinctPerKey(expected.keySet())).as("one event per sign-up, counted by id")
				.isEqualTo(expected);
			assertThat(countedByErasureService).as("erasure-service's activity consumer counts each sign-up once")
				.isEqualTo(accepted.size());
		}
	}

	/**
	 * What each consumer of newsletter.events must count once redeliveries are dropped by id: one
	 * SubscriptionRequested per accepted sign-up, by subjectRef. (Every consumer of the topic is held to this.)
	 */
	static Map<String, Integer> expectedRequestedEvents(LocalStack stack, List<String> accepted) {
		Map<String, Integer> expected = new HashMap<>();
		accepted.forEach(email -> expected.put(stack.subjectRef(email), 1));
		return expected;
	}

	/** Distinct SubscriptionRequested ids on the topic per subject: more than one is a duplicate in the topic. */
	private static Map<String, Long> requestedRecordsInTopic(LocalStack stack, Set<String> subjects) {
		Map<String, Set<String>> ids = new HashMap<>();
		Map<String, Long> records = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : stack.records("newsletter.events")) {
			String key = new String(record.key(), StandardCharsets.UTF_8);
			if (subjects.contains(key) && EventCounter.header(record, "ce_type").endsWith(".SubscriptionRequested")) {
				ids.computeIfAbsent(key, k -> new HashSet<>()).add(EventCounter.header(record, "ce_id"));
				records.merge(key, 1L, Long::sum);
			}
		}
		assertThat(ids.values().stream().map(Set::size).collect(Collectors.toSet())).as("one event id per sign-up")
			.containsOnly(1);
		return records;
	}

	/** Stops the broker for a few seconds, five times, a few seconds apart. */
	private static void bounce(LocalStack stack) {
		for (int i = 0; i < BOUNCES; i++) {
			pause(Duration.ofSeconds(2));
			stack.stopKafka();
			try {
				pause(DOWN);
			}
			finally {
				stack.startKafka();
			}
		}
	}

	/** The fault's own duration: the outage is time passing, not a condition to wait for. */
	static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
