package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of newsletter-service in the middle of 500 sign-ups, then a restart. A {@code 202} is answered only
 * after the sign-up and the mail it owes are stored, so every accepted sign-up survives the crash and gets its mail;
 * a second copy only for the few mails accepted and not yet marked at the kill, with the first one's Message-ID.
 * Requests during the outage fail (the gateway answers 503, or 502/504 for one cut mid-flight): never a lost 202. Once the restarted service is ready, the gateway's circuit breaker lets sign-ups through again within 5 s
 * (its open state is short and probes with a few calls), so the first {@code 202} comes at most 5 s after readiness.
 */
@Tag("fault")
class ServiceCrashFaultIntegrationTests {

	static final int SIGN_UPS = 500;
	static final int KILL_AFTER = 150;
	static final int MAIL_CONNECTIONS = 4;
	/** formgate.newsletter.relay.mark-every: accepted mails a connection marks sent with one write. */
	static final int MARK_EVERY = 20;

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void everyAcceptedSignUpSurvivesAKillAndGetsOneMail() throws Exception {
		LocalStack stack = FaultStack.get();
		List<String> emails = Faults.emails("crash", SIGN_UPS);
		Map<String, Faults.Answer> answers = new ConcurrentHashMap<>();
		CountDownLatch killPoint = new CountDownLatch(KILL_AFTER);
		Instant[] killedAt = new Instant[1];
		Instant[] restarted = new Instant[1];
		var crash = CompletableFuture.runAsync(() -> {
			try {
				killPoint.await();
				killedAt[0] = Instant.now();
				stack.killService("newsletter-service");
				stack.startService("newsletter-service");
				restarted[0] = Instant.now();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		Instant started = Instant.now();
		try {
			Faults.inParallel(SIGN_UPS, 4, i -> {
				Faults.Answer answer = Faults.signUp(stack, emails.get(i), Faults.client(2, i));
				answers.put(emails.get(i), answer);
				killPoint.countDown();
				if (answer.status() != 202) {
					// A client that waits a little before the next attempt: the sign-ups outlast the restart.
					BrokerBounceFaultIntegrationTests.pause(Duration.ofSeconds(1));
				}
			});
		}
		finally {
			crash.join();
		}
		Instant finished = Instant.now();
		List<String> accepted = Faults.accepted(answers);
		Map<Integer, Long> statuses = Faults.statuses(answers);

		// The restarted service accepts sign-ups again: the first 202 after readiness, from the load or, if the load
		// was over by then, from a client that keeps trying.
		String probe = Faults.emails("crash-probe", 1).getFirst();
		Instant[] probeAccepted = new Instant[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
			Faults.Answer answer = Faults.signUp(stack, probe, Faults.client(2, SIGN_UPS));
			probeAccepted[0] = answer.at();
			return answer.status() == 202;
		});
		Instant acceptingAgain = answers.values().stream().filter(a -> a.status() == 202)
			.map(Faults.Answer::at).filter(at -> at.isAfter(restarted[0])).min(Instant::compareTo)
			.orElse(probeAccepted[0]);
		List<String> owed = new ArrayList<>(accepted);
		owed.add(probe);
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
			.until(() -> Faults.count(Faults.mailsByRecipient(stack), owed).reached() == owed.size());
		// Settled: no further mail arrives for 5 s (a duplicate would come with the relay's retry).
		int[] seen = {-1};
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
			.until(() -> {
				int now = Faults.count(Faults.mailsByRecipient(stack), owed).duplicates();
				boolean same = now == seen[0];
				seen[0] = now;
				return same;
			});

		long stored;
		try (MongoClient mongo = MongoClients.create(stack.mongoUri(""))) {
			var subscriptions = mongo.getDatabase("formgate-newsletter").getCollection("subscriptions");
			stored = accepted.stream().filter(email -> subscriptions.countDocuments(Filters.eq("email", email)) == 1)
				.count();
		}
		Faults.MailCount mails = Faults.count(Faults.mailsByRecipient(stack), accepted);
		List<String> refused = emails.stream().filter(e -> !accepted.contains(e)).toList();
		int refusedButStored = Faults.count(Faults.mailsByRecipient(stack), refused).reached();

		Faults.figures("kill-newsletter-service", "sent", SIGN_UPS, "accepted", accepted.size(), "failed",
				SIGN_UPS - accepted.size(), "statuses", statuses, "lost", accepted.size() - stored,
				"duplicateMails", mails.duplicates(), "duplicatesWithTheSameMessageId", mails.sameMessageIdTwice(), "failedButStoredAndMailed", refusedButStored,
				"restartSeconds", Faults.seconds(killedAt[0], restarted[0]), "recoverySeconds",
				Faults.seconds(killedAt[0], acceptingAgain), "firstAcceptedAfterReadySeconds",
				String.format(Locale.ROOT, "%.1f", Duration.between(restarted[0], acceptingAgain).toMillis() / 1000.0), "signUpSeconds", Faults.seconds(started, finished));
		assertThat(statuses.keySet()).as("202, or an honest failure").isSubsetOf(202, 502, 503, 504);
		assertThat(accepted).as("some sign-ups got through before the kill").hasSizeGreaterThanOrEqualTo(KILL_AFTER / 2);
		assertThat(stored).as("every 202 is stored").isEqualTo(accepted.size());
		assertThat(mails.reached()).as("every 202 gets its mail").isEqualTo(accepted.size());
		// kill -9 may fall between the SMTP server's 250 and the write that records the mail as sent: at most the
		// mails accepted since a connection's last mark (mark-every per relay connection, mail-connections = 4) go out
		// twice, each with the same Message-ID as the first, so the recipient's system can drop it
		// (docs/durability.md).
		assertThat(mails.duplicates()).as("second mails: at most those accepted and not yet marked at the kill")
			.isLessThanOrEqualTo(MAIL_CONNECTIONS * MARK_EVERY);
		assertThat(mails.sameMessageIdTwice()).as("every second mail is recognisable by its Message-ID")
			.isEqualTo(mails.duplicates());
		assertThat(Duration.between(restarted[0], acceptingAgain)).as("first 202 after the service is ready again")
			.isLessThanOrEqualTo(Duration.ofSeconds(5));
	}
}
