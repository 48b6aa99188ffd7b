package dev.formgate.infra;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SMTP server is down for a minute while people sign up and write contact requests. Mail is not on the request
 * path: everything is accepted, and every mail goes out once, within 10 s of SMTP's return (the relays probe the
 * server while it is away and release everything waiting at the first accepted mail). The outage lasts
 * {@code -Dformgate.fault.smtp-outage=60s} (60 s in CI, as the issue asks; shorter for a quick local run).
 */
@Tag("fault")
class SmtpOutageFaultIntegrationTests {

	static final int SIGN_UPS = 100;
	static final int CONTACTS = 50;
	static final Duration OUTAGE = Duration.parse("PT" + System.getProperty("formgate.fault.smtp-outage", "60s"));

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void everyMailOwedDuringAnSmtpOutageGoesOutOnceAfterIt() throws Exception {
		LocalStack stack = FaultStack.get();
		List<String> subscribers = Faults.emails("smtp-signup", SIGN_UPS);
		List<String> senders = Faults.emails("smtp-contact", CONTACTS);
		Map<String, Faults.Answer> signUps;
		Map<String, Faults.Answer> contacts = new ConcurrentHashMap<>();
		Instant down = Instant.now();
		stack.stopSmtp();
		Instant up;
		try {
			signUps = Faults.signUps(stack, subscribers, 3, 4);
			Faults.inParallel(CONTACTS, 4, i -> contacts.put(senders.get(i),
					Faults.contact(stack, senders.get(i), Faults.client(4, i))));
			Duration left = OUTAGE.minus(Duration.between(down, Instant.now()));
			if (!left.isNegative()) {
				BrokerBounceFaultIntegrationTests.pause(left);
			}
		}
		finally {
			stack.startSmtp();
			up = Instant.now();
		}
		List<String> subscribed = Faults.accepted(signUps);
		List<String> wrote = Faults.accepted(contacts);
		assertThat(Faults.statuses(signUps)).as("SMTP is not on the request path").containsOnlyKeys(202);
		assertThat(Faults.statuses(contacts)).containsOnlyKeys(202);

		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			var mails = Faults.mailsByRecipient(stack);
			return Faults.count(mails, subscribed).reached() == subscribed.size()
					&& Faults.count(mails, wrote).reached() == wrote.size()
					&& Faults.count(Faults.staffMailsBySender(stack), wrote).reached() == wrote.size();
		});
		Instant delivered = Instant.now();
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
			.until(() -> Faults.count(Faults.mailsByRecipient(stack), subscribed).duplicates() == 0);
		var mails = Faults.mailsByRecipient(stack);
		Faults.MailCount confirmations = Faults.count(mails, subscribed);
		Faults.MailCount acknowledgements = Faults.count(mails, wrote);
		Faults.MailCount staff = Faults.count(Faults.staffMailsBySender(stack), wrote);

		int owed = subscribed.size() + 2 * wrote.size();
		int reached = confirmations.reached() + acknowledgements.reached() + staff.reached();
		int duplicates = confirmations.duplicates() + acknowledgements.duplicates() + staff.duplicates();
		Faults.figures("smtp-outage", "outageSeconds", Faults.seconds(down, up), "sent", SIGN_UPS + CONTACTS,
				"accepted", subscribed.size() + wrote.size(), "mailsOwed", owed, "lost", owed - reached,
				"duplicateMails", duplicates, "recoverySeconds", Faults.seconds(up, delivered));
		assertThat(reached).isEqualTo(owed);
		assertThat(duplicates).isZero();
		assertThat(Duration.between(up, delivered)).as("every owed mail in the SMTP server within 10 s of its return")
			.isLessThanOrEqualTo(Duration.ofSeconds(10));
	}
}
