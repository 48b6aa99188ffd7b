package dev.formgate.outbox;

import dev.formgate.outbox.Letters.Letter;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The relay's rules, over real documents in an in-memory store, with Kafka and SMTP as recording fakes. */
class OutboxRelayTests {

	final Letters letters = new Letters();
	final Kafka kafka = new Kafka();
	final Smtp smtp = new Smtp();
	final Set<String> restricted = ConcurrentHashMap.newKeySet();
	OutboxRelay<Letter> relay = relay(RelaySettings.defaults());

	@AfterEach
	void close() {
		relay.stop();
		letters.close();
	}

	OutboxRelay<Letter> relay(RelaySettings settings) {
		return OutboxRelay.builder("letter-relay", letters, kafka, Clock.systemUTC(), settings)
			.mails(OutboxRelayTests::greeting, smtp)
			.holdingMailsOf(owing -> restricted)
			.build();
	}

	Letter written(String subject, boolean greet) {
		return letters.insert(Letter.written(subject, subject + "@example.org", greet, Instant.now()));
	}

	void relay(Letter... letters) {
		Set<String> ids = new LinkedHashSet<>();
		for (Letter letter : letters) {
			ids.add(letter.id);
		}
		relay.relayNow(ids);
	}

	Letter stored(Letter letter) {
		return letters.findById(letter.id);
	}

	@Test
	void sendsAnEventAsItWasRecordedNotAsTheDocumentIsWhenItGoesOut() {
		Letter letter = written("subject-a", false);
		letters.changeMeanwhile(letter.id, l -> l.readdress("subject-b", "b@example.org"));

		relay(letter);

		assertThat(kafka.sent).singleElement().satisfies(event -> {
			assertThat(event.key()).isEqualTo("subject-a");
			assertThat(event.data()).contains("\"subjectRef\":\"subject-a\"").doesNotContain("subject-b");
			assertThat(event.type()).endsWith(".LetterWritten");
		});
		assertThat(stored(letter).outbox.owesEvents()).isFalse();
		assertThat(stored(letter).outbox.due()).isNull();
	}

	@Test
	void sendsADocumentsEventsInOrderAndHoldsBackThoseAfterOneThatFails() {
		Letter letter = written("subject", true);
		letters.changeMeanwhile(letter.id, l -> {
			l.amend(Instant.now());
			l.amend(Instant.now());
		});
		List<OutboxEvent> recorded = stored(letter).outbox.events();
		kafka.refuse.add(recorded.get(1).eventId());

		relay(letter);

		assertThat(kafka.sent).extracting(OutboxEvent::eventId).containsExactly(recorded.get(0).eventId());
		Outbox outbox = stored(letter).outbox;
		assertThat(outbox.events()).extracting(OutboxEvent::eventId)
			.containsExactly(recorded.get(1).eventId(), recorded.get(2).eventId());
		assertThat(outbox.failures()).isEqualTo(1);
		assertThat(outbox.due()).isAfter(Instant.now());
		assertThat(smtp.accepted).as("mails wait until the events are out").isEmpty();
		assertThat(outbox.mails()).hasSize(1);
	}

	@Test
	void marksEachMailSentAndLooksNoFurtherOnceNothingIsOwed() {
		Letter letter = written("subject", true);

		relay(letter);

		assertThat(kafka.sent).hasSize(1);
		assertThat(smtp.accepted).singleElement().satisfies(mail -> assertThat(recipient(mail))
			.isEqualTo("subject@example.org"));
		assertThat(stored(letter).outbox.mails()).isEmpty();
		assertThat(stored(letter).outbox.due()).isNull();
	}

	@Test
	void writesADocumentOnceForItsEventsAndItsMail() {
		Letter letter = written("subject", true);
		long before = stored(letter).version;

		relay(letter);

		assertThat(stored(letter).outbox.owesEvents()).isFalse();
		assertThat(stored(letter).outbox.mails()).isEmpty();
		assertThat(stored(letter).version).as("one write: the events and the mail").isEqualTo(before + 1);
	}

	@Test
	void keepsWhatTheEventsAndTheMailDidWhenSomeoneWroteTheDocumentBeforeItsMailWasAccepted() {
		Letter letter = written("subject", true);
		smtp.during = mail -> letters.changeMeanwhile(letter.id, l -> l.amend(Instant.now()));

		relay(letter);

		Outbox outbox = stored(letter).outbox;
		assertThat(smtp.accepted).hasSize(1);
		assertThat(outbox.mails()).as("the mail is marked sent on the fresh copy").isEmpty();
		assertThat(outbox.events()).as("only the amendment written meanwhile is still owed").singleElement()
			.satisfies(event -> assertThat(event.type()).endsWith(".LetterAmended"));
		assertThat(stored(letter).amendments).isEqualTo(1);
	}

	@Test
	void aMailsTokenStaysWithItsDocumentWhenSomeoneWroteTheDocumentBeforeTheMailWasAccepted() throws Exception {
		relay.stop();
		relay = OutboxRelay.builder("letter-relay", letters, kafka, Clock.systemUTC(), RelaySettings.defaults())
			.mails(new TokenGreetings(), smtp)
			.build();
		Letter letter = written("subject", true);
		smtp.during = mail -> letters.changeMeanwhile(letter.id, l -> l.amend(Instant.now()));

		relay(letter);

		assertThat(smtp.accepted).hasSize(1);
		assertThat(stored(letter).token).as("the token the mail carries").isNotNull()
			.isEqualTo(smtp.accepted.getFirst().getHeader("X-Token", null));
		assertThat(stored(letter).amendments).isEqualTo(1);
		assertThat(stored(letter).outbox.mails()).isEmpty();
	}

	@Test
	void aMailsMessageIdIsTheSameOnEveryAttempt() throws MessagingException {
		Letter letter = written("subject", true);
		String mailId = stored(letter).outbox.mails().getFirst().mailId();
		smtp.refuse.add("subject@example.org");
		relay(letter);
		smtp.refuse.clear();
		letters.changeMeanwhile(letter.id, l -> l.outbox.releaseMails(Instant.now())); // its backoff is over

		relay(letter);

		assertThat(smtp.offered).hasSize(2);
		assertThat(smtp.offered.get(0).getMessageID()).isEqualTo(smtp.offered.get(1).getMessageID())
			.isEqualTo("<" + mailId + "@formgate.test>");
	}

	@Test
	void aMailThatNoLongerFitsTheDocumentIsDroppedNotSent() {
		Letter letter = written("subject", true);
		letters.changeMeanwhile(letter.id, l -> l.address = null);

		relay(letter);

		assertThat(smtp.offered).isEmpty();
		assertThat(stored(letter).outbox.mails()).isEmpty();
		assertThat(stored(letter).outbox.due()).isNull();
	}

	@Test
	void heldMailsWaitWhileTheEventsGoOutAndLeaveWhenReleased() {
		Letter letter = written("subject", true);
		restricted.add(letter.id);

		relay(letter);

		assertThat(kafka.sent).hasSize(1);
		assertThat(smtp.offered).isEmpty();
		assertThat(stored(letter).outbox.mails()).hasSize(1);
		assertThat(stored(letter).outbox.due()).as("nothing to look at while held").isNull();

		restricted.clear();
		letters.changeMeanwhile(letter.id, l -> l.outbox.releaseMails(Instant.now()));
		relay(letter);

		assertThat(smtp.accepted).hasSize(1);
		assertThat(stored(letter).outbox.due()).isNull();
	}

	@Test
	void aMailTheServerRefusesBacksOffAloneWhileTheOthersAreSent() {
		Letter refused = written("refused", true);
		Letter fine = written("fine", true);
		smtp.refuse.add("refused@example.org");

		relay(refused, fine);

		assertThat(smtp.accepted).extracting(OutboxRelayTests::recipient).containsExactly("fine@example.org");
		assertThat(stored(refused).outbox.mails()).hasSize(1);
		assertThat(stored(refused).outbox.failures()).isEqualTo(1);
		assertThat(stored(fine).outbox.due()).isNull();
		assertThat(relay.waitsForADependency()).as("the server answered; only one mail was refused").isFalse();
	}

	@Test
	void keepsWhatWentOutWhenSomeoneWroteTheDocumentMeanwhile() {
		Letter letter = written("subject", false);
		AtomicBoolean once = new AtomicBoolean();
		kafka.during = event -> {
			if (once.compareAndSet(false, true)) {
				letters.changeMeanwhile(letter.id, l -> l.amend(Instant.now()));
			}
		};

		relay(letter);

		Outbox outbox = stored(letter).outbox;
		assertThat(outbox.events()).as("only the amendment written meanwhile is still owed").singleElement()
			.satisfies(event -> assertThat(event.type()).endsWith(".LetterAmended"));
		assertThat(stored(letter).amendments).isEqualTo(1);

		relay(letter);

		assertThat(kafka.sent).extracting(OutboxEvent::type).hasSize(2).last().asString().endsWith(".LetterAmended");
		assertThat(stored(letter).outbox.owesEvents()).isFalse();
	}

	@Test
	void anEventRecordedByAnEarlierVersionGoesOutWithItsIdAfterItsOwnerSaysWhatItWas() {
		Letter letter = written("subject", false);
		String legacyId = "recorded-by-0.1";
		letters.mongo.updateFirst(query(where("_id").is(letter.id)),
				new Update().set(Outbox.EVENTS, List.of(new Document("eventId", legacyId).append("kind", "WRITTEN"))),
				Letters.COLLECTION);
		assertThat(stored(letter).outbox.hasLegacyEvents()).isTrue();

		relay(letter);

		assertThat(kafka.sent).singleElement().satisfies(event -> {
			assertThat(event.eventId()).isEqualTo(legacyId);
			assertThat(event.key()).isEqualTo("subject");
			assertThat(event.data()).contains("\"letterId\":\"" + letter.id + "\"");
		});
		assertThat(stored(letter).outbox.owesEvents()).isFalse();
	}

	@Test
	void spreadsARoundsMailsOverConnectionsKeepingEachDocumentsMailsOnOne() {
		List<Letter> written = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Letter letter = written("subject-" + i, true);
			letters.changeMeanwhile(letter.id, l -> l.outbox.owe(OwedMail.of(Letters.Mail.GREETING, Instant.now()),
					Instant.now()));
			written.add(letter);
		}
		relay = relay(new RelaySettings(Duration.ofMillis(250), 100, Duration.ofSeconds(30), Duration.ofMinutes(1),
				10_000, Duration.ofSeconds(1), 3, 20));

		relay(written.toArray(Letter[]::new));

		assertThat(smtp.accepted).hasSize(12);
		assertThat(smtp.batches).hasSize(3).allSatisfy(batch -> assertThat(batch).hasSize(4));
		for (List<String> batch : smtp.batches) {
			assertThat(batch.stream().distinct().count()).as("two mails per letter, on one connection").isEqualTo(2);
		}
	}

	@Test
	void everythingWaitingForAnUnreachableServerGoesOutOnceAProbeGetsThrough() {
		relay = relay(new RelaySettings(Duration.ofMillis(20), 100, Duration.ofHours(1), Duration.ofHours(1), 10_000,
				Duration.ofMillis(50), 4, 20));
		smtp.down = true;
		List<Letter> waiting = List.of(written("one", true), written("two", true), written("three", true));
		Instant started = Instant.now();
		relay.start();
		waiting.forEach(letter -> relay.wakeUp(letter.id));
		await().until(() -> waiting.stream().allMatch(l -> stored(l).outbox.failures() >= 2));
		// after two failures each waits at least 4 s from its last failure, which came after the start
		assertThat(waiting).allSatisfy(l -> assertThat(stored(l).outbox.due()).isAfter(started.plusSeconds(3)));
		assertThat(relay.waitsForADependency()).isTrue();

		smtp.down = false;

		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.accepted.size() == 3);
		// mails are marked sent after the server accepted them: wait for the last mark, not just the accept
		await().atMost(Duration.ofSeconds(5))
			.until(() -> waiting.stream().allMatch(l -> stored(l).outbox.due() == null));
		assertThat(smtp.accepted).hasSize(3);
		assertThat(relay.waitsForADependency()).isFalse();
	}

	@Test
	void documentsWaitingForKafkaGoOutOnceItIsBack() {
		relay = relay(new RelaySettings(Duration.ofMillis(20), 100, Duration.ofHours(1), Duration.ofHours(1), 10_000,
				Duration.ofMillis(50), 4, 20));
		kafka.down = true;
		List<Letter> waiting = List.of(written("one", false), written("two", false));
		relay.start();
		waiting.forEach(letter -> relay.wakeUp(letter.id));
		await().until(() -> waiting.stream().allMatch(l -> stored(l).outbox.failures() >= 2));

		kafka.down = false;

		// the relay writes a document after its events went out: wait for the write, not only for the sends
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(kafka.sent).hasSize(2);
			assertThat(waiting).allSatisfy(l -> assertThat(stored(l).outbox.due()).isNull());
		});
	}

	@Test
	void theSweepFindsWhatNoWakeUpAnnounced() {
		Letter leftByACrash = written("crash", true);
		relay = relay(new RelaySettings(Duration.ofMillis(20), 100, Duration.ofSeconds(30), Duration.ofHours(1), 1,
				Duration.ofSeconds(1), 4, 20));
		Letter alsoLeft = written("also", true);

		relay.start();

		await().until(() -> smtp.accepted.size() == 2);
		assertThat(stored(leftByACrash).outbox.due()).isNull();
		assertThat(stored(alsoLeft).outbox.due()).isNull();
	}

	@Test
	void theNextRoundsEventsGoOutWhileThisRoundsMailsAreSent() throws InterruptedException {
		CountDownLatch serverAnswers = new CountDownLatch(1);
		List<String> composedOn = new CopyOnWriteArrayList<>();
		smtp.during = mail -> waitFor(serverAnswers);
		relay = OutboxRelay.builder("letter-relay", letters, kafka, Clock.systemUTC(), RelaySettings.defaults())
			.mails((letter, mail, now) -> {
				composedOn.add(Thread.currentThread().getName());
				return greeting(letter, mail, now);
			}, smtp)
			.build();
		Letter greeting = written("greeting", true);
		relay.start();
		relay.wakeUp(greeting.id);
		await().until(() -> smtp.offered.size() == 1);

		Letter next = written("next", false);
		relay.wakeUp(next.id);

		await().atMost(Duration.ofSeconds(5)).until(() -> stored(next).outbox.due() == null);
		assertThat(kafka.sent).extracting(OutboxEvent::key).containsExactly("greeting", "next");
		assertThat(smtp.accepted).as("the first round's mail is still on its way").isEmpty();
		assertThat(composedOn).singleElement().asString().startsWith("letter-relay-mail-");
		serverAnswers.countDown();
		await().until(() -> stored(greeting).outbox.due() == null);
		assertThat(smtp.accepted).hasSize(1);
	}

	@Test
	void aDocumentWhoseMailIsOnItsWayIsLeftToItAndLookedAtOnceItIsWritten() {
		CountDownLatch serverAnswers = new CountDownLatch(1);
		smtp.during = mail -> waitFor(serverAnswers);
		Letter letter = written("subject", true);
		relay.start();
		relay.wakeUp(letter.id);
		await().until(() -> smtp.offered.size() == 1);

		letters.changeMeanwhile(letter.id, l -> l.amend(Instant.now()));
		relay.wakeUp(letter.id);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
			.until(() -> smtp.offered.size() == 1 && kafka.sent.size() == 1);
		serverAnswers.countDown();

		await().atMost(Duration.ofSeconds(5)).until(() -> stored(letter).outbox.due() == null);
		assertThat(smtp.offered).as("the mail went out once").hasSize(1);
		assertThat(kafka.sent).extracting(OutboxEvent::type).hasSize(2).last().asString().endsWith(".LetterAmended");
	}

	static RelaySettings oneConnectionMarkingEvery(int markEvery) {
		return new RelaySettings(Duration.ofMillis(250), 100, Duration.ofSeconds(30), Duration.ofMinutes(1), 10_000,
				Duration.ofSeconds(1), 1, markEvery);
	}

	List<Letter> writtenGreeting(int n) {
		List<Letter> written = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			written.add(written("subject-" + i, true));
		}
		return written;
	}

	@Test
	void marksABatchsAcceptedMailsWithOneWriteForAllTheirDocuments() {
		relay = relay(oneConnectionMarkingEvery(20));
		List<Letter> written = writtenGreeting(10);
		long writesBefore = letters.writeCommands();

		relay(written.toArray(Letter[]::new));

		assertThat(smtp.accepted).hasSize(10);
		assertThat(letters.writeCommands() - writesBefore).as("one store command for ten documents' events and marks")
			.isEqualTo(1);
		assertThat(written).allSatisfy(letter -> {
			Letter stored = stored(letter);
			assertThat(stored.outbox.mails()).isEmpty();
			assertThat(stored.outbox.owesEvents()).isFalse();
			assertThat(stored.outbox.due()).isNull();
			assertThat(stored.version).as("written once, its version raised").isEqualTo(letter.version + 1);
		});
	}

	@Test
	void marksOnlyTheMailsTheServerAcceptedEachInItsOwnDocument() {
		relay = relay(oneConnectionMarkingEvery(20));
		List<Letter> written = writtenGreeting(6);
		Letter twoMails = written.get(2);
		letters.changeMeanwhile(twoMails.id, l -> l.outbox.owe(OwedMail.of(Letters.Mail.GREETING, Instant.now()),
				Instant.now()));
		List<OwedMail> owedByTwo = stored(twoMails).outbox.mails();
		smtp.refuse.add(written.get(4).address);
		smtp.refuseIds.add("<" + owedByTwo.get(1).mailId() + "@formgate.test>");

		relay(written.toArray(Letter[]::new));

		assertThat(smtp.accepted).hasSize(5);
		for (MimeMessage mail : smtp.accepted) {
			Letter to = written.stream().filter(l -> l.address.equals(recipient(mail))).findFirst().orElseThrow();
			assertThat(stored(to).outbox.mails()).extracting(m -> "<" + m.mailId() + "@formgate.test>")
				.as("the accepted mail is marked in its own letter").doesNotContain(messageId(mail));
		}
		assertThat(stored(twoMails).outbox.mails()).as("only its refused mail is still owed").containsExactly(
				owedByTwo.get(1));
		assertThat(stored(twoMails).outbox.failures()).isEqualTo(1);
		assertThat(stored(written.get(4)).outbox.mails()).hasSize(1);
		assertThat(stored(written.get(4)).outbox.failures()).isEqualTo(1);
		for (int i : new int[] { 0, 1, 3, 5 }) {
			assertThat(stored(written.get(i)).outbox.mails()).isEmpty();
			assertThat(stored(written.get(i)).outbox.due()).isNull();
		}
		assertThat(written).allSatisfy(l -> assertThat(stored(l).outbox.owesEvents()).isFalse());
	}

	@Test
	void writesTheMarksEveryMarkEveryMailsBeforeTheNextGoesOut() {
		relay = relay(oneConnectionMarkingEvery(2));
		List<Letter> written = writtenGreeting(5);
		List<Long> markedWhenOffered = new CopyOnWriteArrayList<>();
		smtp.during = mail -> markedWhenOffered.add(written.stream()
			.filter(l -> stored(l).outbox.mails().isEmpty())
			.count());
		long writesBefore = letters.writeCommands();

		relay(written.toArray(Letter[]::new));

		assertThat(markedWhenOffered).as("marked in the store as each mail went out").containsExactly(0L, 0L, 2L, 2L,
				4L);
		assertThat(letters.writeCommands() - writesBefore).isEqualTo(3);
		assertThat(written).allSatisfy(l -> assertThat(stored(l).outbox.due()).isNull());
	}

	@Test
	void aBatchsMarksAndTokensLandOnFreshCopiesWhenSomeoneWroteOneOfItsDocumentsMeanwhile() throws Exception {
		relay.stop();
		relay = OutboxRelay.builder("letter-relay", letters, kafka, Clock.systemUTC(), oneConnectionMarkingEvery(20))
			.mails(new TokenGreetings(), smtp)
			.build();
		List<Letter> written = writtenGreeting(3);
		Letter amended = written.get(1);
		smtp.during = mail -> {
			if (recipient(mail).equals(amended.address)) {
				letters.changeMeanwhile(amended.id, l -> l.amend(Instant.now()));
			}
		};

		relay(written.toArray(Letter[]::new));

		assertThat(smtp.accepted).hasSize(3);
		for (MimeMessage mail : smtp.accepted) {
			Letter letter = stored(written.stream().filter(l -> l.address.equals(recipient(mail))).findFirst()
				.orElseThrow());
			assertThat(letter.outbox.mails()).isEmpty();
			assertThat(letter.token).as("the token its mail carries").isEqualTo(mail.getHeader("X-Token", null));
		}
		assertThat(stored(amended).amendments).isEqualTo(1);
		assertThat(stored(amended).outbox.events()).as("only the amendment written meanwhile is still owed")
			.singleElement().satisfies(event -> assertThat(event.type()).endsWith(".LetterAmended"));
		assertThat(stored(written.get(0)).outbox.owesEvents()).isFalse();
		assertThat(stored(written.get(2)).outbox.owesEvents()).isFalse();
	}

	@Test
	void aDocumentWaitingForTheServerIsNotComposedOrWrittenAgainOnItsOwnBackoff() {
		List<String> composed = new CopyOnWriteArrayList<>();
		relay = OutboxRelay.builder("letter-relay", letters, kafka, Clock.systemUTC(), RelaySettings.defaults())
			.mails((letter, mail, now) -> {
				composed.add(letter.id);
				return greeting(letter, mail, now);
			}, smtp)
			.build();
		smtp.down = true;
		Letter letter = written("subject", true);
		relay(letter);
		assertThat(relay.waitsForADependency()).isTrue();
		assertThat(composed).hasSize(1);
		letters.changeMeanwhile(letter.id, l -> l.outbox.releaseMails(Instant.now())); // as if its backoff were over
		long version = stored(letter).version;

		relay(letter);

		assertThat(composed).as("only a probe or the server's return tries it").hasSize(1);
		assertThat(stored(letter).version).as("not written").isEqualTo(version);
		assertThat(stored(letter).outbox.mails()).hasSize(1);
	}

	@Test
	void aDocumentWaitingForTheServerStillSendsItsNewEvents() {
		smtp.down = true;
		Letter letter = written("subject", true);
		relay(letter);
		letters.changeMeanwhile(letter.id, l -> l.amend(Instant.now()));

		relay(letter);

		assertThat(kafka.sent).extracting(OutboxEvent::type).hasSize(2).last().asString().endsWith(".LetterAmended");
		assertThat(stored(letter).outbox.owesEvents()).isFalse();
		assertThat(stored(letter).outbox.mails()).as("the mail still waits for the server").hasSize(1);
		assertThat(smtp.offered).isEmpty();
	}

	@Test
	void aRefusedMailIsAnAnswerThatReleasesTheDocumentsWaitingForTheServer() {
		relay = relay(new RelaySettings(Duration.ofMillis(20), 100, Duration.ofHours(1), Duration.ofHours(1), 10_000,
				Duration.ofSeconds(2), 4, 20));
		smtp.down = true;
		Letter refused = written("refused", true);
		Letter waiting = written("waiting", true);
		relay.start();
		relay.wakeUp(refused.id);
		await().until(() -> stored(refused).outbox.failures() >= 1);
		relay.wakeUp(waiting.id);
		await().until(() -> stored(waiting).outbox.failures() >= 1);
		Map<String, Long> offeredAt = new ConcurrentHashMap<>();
		smtp.refuse.add(refused.address);
		smtp.offer = mail -> offeredAt.putIfAbsent(recipient(mail), System.nanoTime());

		smtp.down = false;

		await().atMost(Duration.ofSeconds(10)).until(() -> stored(waiting).outbox.due() == null);
		assertThat(smtp.accepted).extracting(OutboxRelayTests::recipient).containsExactly(waiting.address);
		assertThat(Duration.ofNanos(offeredAt.get(waiting.address) - offeredAt.get(refused.address)))
			.as("tried right after the probe's refusal, not at the next probe 2 s later")
			.isLessThan(Duration.ofSeconds(1));
		await().until(() -> !relay.waitsForADependency());
	}

	static void waitFor(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	static Optional<MimeMessage> greeting(Letter letter, OwedMail mail, Instant now) {
		if (letter.address == null) {
			return Optional.empty();
		}
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
			message.setFrom(new InternetAddress("relay@formgate.test"));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress(letter.address));
			message.setSubject("Hello");
			message.setText("A letter " + mail.kind(Letters.Mail.class).name().toLowerCase());
			return Optional.of(message);
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A greeting that carries a fresh token, whose value the letter keeps (as a subscription keeps its token's hash). */
	static final class TokenGreetings implements MailComposer<Letter> {

		@Override
		public Optional<MimeMessage> compose(Letter letter, OwedMail mail, Instant now) {
			Optional<MimeMessage> greeting = greeting(letter, mail, now);
			letter.token = java.util.UUID.randomUUID().toString();
			try {
				greeting.get().setHeader("X-Token", letter.token);
			}
			catch (MessagingException e) {
				throw new IllegalStateException(e);
			}
			return greeting;
		}

		@Override
		public void carryOver(Letter composed, Letter fresh, OwedMail mail) {
			fresh.token = composed.token;
		}
	}

	static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Acknowledges what it is sent, unless it is down or refuses that event. */
	static final class Kafka implements EventSender {

		final List<OutboxEvent> sent = new CopyOnWriteArrayList<>();
		final Set<String> refuse = ConcurrentHashMap.newKeySet();
		volatile boolean down;
		volatile Consumer<OutboxEvent> during = event -> {
		};

		@Override
		public void send(OutboxEvent event) {
			if (down || refuse.contains(event.eventId())) {
				throw new IllegalStateException("not acknowledged");
			}
			during.accept(event);
			sent.add(event);
		}
	}

	/** Accepts what it is offered, one batch per connection, unless it is down or refuses the recipient. */
	static final class Smtp implements MailDelivery {

		final List<MimeMessage> offered = new CopyOnWriteArrayList<>();
		final List<MimeMessage> accepted = new CopyOnWriteArrayList<>();
		final List<List<String>> batches = new CopyOnWriteArrayList<>();
		final Set<String> refuse = ConcurrentHashMap.newKeySet();
		/** Message-IDs refused one by one. */
		final Set<String> refuseIds = ConcurrentHashMap.newKeySet();
		volatile boolean down;
		volatile Consumer<MimeMessage> during = mail -> {
		};
		/** Sees each mail as it is offered, accepted or not. */
		volatile Consumer<MimeMessage> offer = mail -> {
		};

		@Override
		public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> onAccepted) {
			if (down) {
				return new Delivered(new LinkedHashSet<>(batch), true);
			}
			batches.add(batch.stream().map(OutboxRelayTests::recipient).toList());
			Set<MimeMessage> notSent = new LinkedHashSet<>();
			for (MimeMessage message : batch) {
				offered.add(message);
				offer.accept(message);
				if (refuse.contains(recipient(message)) || refuseIds.contains(messageId(message))) {
					notSent.add(message);
					continue;
				}
				during.accept(message);
				accepted.add(message);
				onAccepted.accept(message);
			}
			return new Delivered(notSent, false);
		}
	}
}
