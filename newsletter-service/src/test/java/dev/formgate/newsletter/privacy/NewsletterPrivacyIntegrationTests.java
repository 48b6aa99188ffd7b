package dev.formgate.newsletter.privacy;

import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyEvent.AccessRequested;
import dev.formgate.events.PrivacyEvent.ConsentWithdrawn;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyEvent.ObjectionReceived;
import dev.formgate.events.PrivacyEvent.RectificationRequested;
import dev.formgate.events.PrivacyEvent.RestrictionLifted;
import dev.formgate.events.PrivacyEvent.RestrictionRequested;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.Inbox;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.PrivacyLedger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.formgate.newsletter.support.Http.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * newsletter-service answers every data-subject request the ledger sends over Kafka, and does what it says: requests
 * go in with a real producer, answers are read from {@code privacy.outcomes}, mails from the SMTP server.
 */
@NewsletterServiceTest
class NewsletterPrivacyIntegrationTests {

	static final TransportSeal LEDGER_SEAL = new TransportSeal(
			NewsletterServiceTest.TRANSPORT_KEY.getBytes(StandardCharsets.UTF_8));

	@LocalServerPort
	int port;

	@Autowired
	PrivacyLedger ledger;

	@Autowired
	Inbox inbox;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	@Qualifier("subscriptionRelay")
	OutboxRelay<?> relay;

	@Autowired
	TestClock clock;

	@Autowired
	SubjectRefs subjectRefs;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
	}

	static String newAddress(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@example.org";
	}

	SubjectRef ref(String email) {
		return subjectRefs.of(email);
	}

	/** The person's own sign-up through the public form; returns the confirmation token of the n-th mail. */
	String signUp(String email, String list, int mailCount) {
		assertThat(http.postJson("/api/newsletter/subscriptions",
				"{\"email\":\"" + email + "\",\"list\":\"" + list + "\",\"consent\":true}").statusCode())
			.isEqualTo(202);
		return token(inbox.awaitMessages(email, mailCount));
	}

	static String token(jakarta.mail.internet.MimeMessage mail) {
		return URI.create(Inbox.firstLink(mail)).getRawQuery().replaceAll(".*token=([^&]+).*", "$1");
	}

	void confirm(String token) {
		assertThat(http.postForm("/newsletter/confirm", fields("token", token, "lang", "de"), "User-Agent",
				"ConfirmingBrowser/2.0", "X-Forwarded-For", "198.51.100.23").statusCode()).isEqualTo(200);
	}

	/** Signed up and confirmed on the news list: confirmation and welcome mail received. */
	String subscribed(String prefix) {
		String email = newAddress(prefix);
		confirm(signUp(email, "news", 1));
		inbox.awaitMessages(email, 2);
		return email;
	}

	List<Document> subscriptions(SubjectRef subject) {
		return mongo.find(query(where("subjectRef").is(subject.value())), Document.class, "subscriptions");
	}

	boolean suppressed(String email) {
		return mongo.exists(query(where("_id").is(ref(email).value())), "suppressions");
	}

	HttpResponse<String> adminReAdd(String email) {
		return adminReAdd(email, "news");
	}

	HttpResponse<String> adminReAdd(String email, String list) {
		return http.postJson("/api/admin/newsletter/subscriptions",
				"{\"email\":\"" + email + "\",\"list\":\"" + list + "\"}", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));
	}

	StoreOutcomeReported ask(PrivacyEvent request) {
		ledger.send(request);
		return ledger.awaitAnswer(request.requestId());
	}

	static PrivacyRequestId id() {
		return PrivacyRequestId.random();
	}

	@Test
	void erasureDeletesEverySubscriptionAndAnswersErasedWithCounts() {
		String email = subscribed("erase");
		signUp(email, "events", 3);
		assertThat(subscriptions(ref(email))).hasSize(2);

		var answer = ask(new ErasureRequested(id(), ref(email), Instant.now()));

		assertThat(answer.store()).isEqualTo("newsletter-service");
		assertThat(answer.outcome()).isEqualTo(Outcome.ERASED);
		assertThat(answer.counts()).containsEntry("subscriptions", 2L);
		assertThat(subscriptions(ref(email))).isEmpty();
		assertThat(mongo.getCollectionNames()).allSatisfy(collection -> assertThat(
				mongo.find(query(where("email").is(email)), Document.class, collection)).isEmpty());
	}

	@Test
	void erasureOfAnUnknownSubjectFindsNothing() {
		var answer = ask(new ErasureRequested(id(), ref(newAddress("unknown")), Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.NOTHING_FOUND);
		assertThat(answer.counts()).isEmpty();
	}

	@Test
	void aResentRequestGetsTheSameAnswerAndChangesNothing() {
		String email = subscribed("resent");
		var erasure = new ErasureRequested(id(), ref(email), Instant.now());
		var first = ask(erasure);
		// The person signs up again after the erasure: a re-sent old request must not delete that.
		confirm(signUp(email, "news", 3));

		ledger.send(erasure);
		var answers = ledger.awaitRawAnswers(erasure.requestId(), 2);

		assertThat(first.outcome()).isEqualTo(Outcome.ERASED);
		assertThat(ledger.answers(erasure.requestId())).hasSize(2).containsOnly(first);
		assertThat(EventLog.header(answers.get(0), "ce_id")).isEqualTo(EventLog.header(answers.get(1), "ce_id"));
		assertThat(subscriptions(ref(email))).singleElement()
			.satisfies(s -> assertThat(s.getString("state")).isEqualTo("ACTIVE"));
	}

	@Test
	void objectionUnsubscribesAndSuppressionBlocksTheAdminReAdd() {
		String email = subscribed("object");

		var answer = ask(new ObjectionReceived(id(), ref(email), "newsletter", Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
		assertThat(subscriptions(ref(email))).singleElement().satisfies(s -> {
			assertThat(s.getString("state")).isEqualTo("UNSUBSCRIBED");
			assertThat(s.get("email")).isNull();
			assertThat(s.get("consent", Document.class).get("confirmedAt")).as("withdrawal proof kept").isNotNull();
		});
		var refused = adminReAdd(email);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("https://formgate.dev/problems/subject-suppressed");
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> inbox.messagesTo(email).size() == 2);
		assertThat(subscriptions(ref(email))).singleElement()
			.satisfies(s -> assertThat(s.getString("state")).isEqualTo("UNSUBSCRIBED"));
	}

	@Test
	void withdrawalOfEveryConsentEndsTheSubscriptionAsTheUnsubscribeLinkDoes() {
		String email = subscribed("withdraw");
		var request = new ConsentWithdrawn(id(), ref(email), Instant.now());

		var answer = ask(request);

		assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
		assertThat(answer.counts()).containsEntry("subscriptions", 1L);
		assertThat(subscriptions(ref(email))).singleElement().satisfies(s -> {
			assertThat(s.getString("state")).isEqualTo("UNSUBSCRIBED");
			assertThat(s.get("email")).isNull();
			assertThat(s.get("consent", Document.class).get("confirmedAt")).as("proof kept").isNotNull();
		});
		assertThat(suppressed(email)).isTrue();
		assertThat(ask(new ConsentWithdrawn(id(), ref(newAddress("none")), Instant.now())).outcome())
			.isEqualTo(Outcome.NOTHING_FOUND);
	}

	@Test
	void objectionToEveryProcessingOnPublicTaskOrLegitimateInterestsIsNotApplicableToTheNewsletter() {
		String email = subscribed("ef");

		var answer = ask(new ObjectionReceived(id(), ref(email),
				ObjectionReceived.PUBLIC_TASK_OR_LEGITIMATE_INTERESTS, Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
		assertThat(subscriptions(ref(email)).getFirst().getString("state")).isEqualTo("ACTIVE");
	}

	@Test
	void ownSignUpAndConfirmationLiftTheSuppression() {
		String email = subscribed("comeback");
		ask(new ObjectionReceived(id(), ref(email), "newsletter", Instant.now()));
		assertThat(suppressed(email)).isTrue();

		String token = signUp(email, "news", 3);
		assertThat(suppressed(email)).as("a sign-up alone does not lift it").isTrue();
		confirm(token);

		assertThat(suppressed(email)).isFalse();
		assertThat(adminReAdd(newAddress("other")).statusCode()).isEqualTo(202);
		assertThat(adminReAdd(email).statusCode()).isEqualTo(202);
	}

	@Test
	void adminReAddStartsDoubleOptInForAnAddressNotSuppressed() {
		String email = newAddress("import");

		assertThat(adminReAdd(email).statusCode()).isEqualTo(202);

		confirm(token(inbox.awaitMessages(email, 1)));
		assertThat(subscriptions(ref(email))).singleElement().satisfies(s -> {
			assertThat(s.getString("state")).isEqualTo("ACTIVE");
			assertThat(s.get("consent", Document.class).getString("formId")).isEqualTo("staff-on-behalf");
		});
	}

	/**
	 * The unsubscribe link of one list's mail ends that list only (RFC 8058, docs/privacy.md "Unsubscribing ends one
	 * list"): the other list stays active, staff cannot add the person back to the list they left, but to another.
	 */
	@Test
	void unsubscribingByLinkEndsThatListOnlyAndSuppressesTheSubjectForIt() {
		String email = subscribed("unsub");
		confirm(signUp(email, "digest", 3));
		inbox.awaitMessages(email, 4);
		String newsUnsubscribe = token(inbox.messagesTo(email).get(1));

		assertThat(http.postForm("/newsletter/unsubscribe", fields("token", newsUnsubscribe, "lang", "de"))
			.statusCode()).isEqualTo(200);

		assertThat(subscriptions(ref(email))).extracting(s -> s.getString("list") + "=" + s.getString("state"))
			.containsExactlyInAnyOrder("news=UNSUBSCRIBED", "digest=ACTIVE");
		assertThat(suppressed(email)).isTrue();
		assertThat(adminReAdd(email).statusCode()).as("back to the list they left").isEqualTo(409);
		assertThat(adminReAdd(email, "bulletin").statusCode()).as("to another list").isEqualTo(202);
		var access = new AccessRequested(id(), ref(email), Instant.now());
		assertThat(LEDGER_SEAL.open(access.requestId(), ask(access).sealedData()))
			.contains("\"suppressedLists\":[\"news\"]");
	}

	@Test
	void objectionToAnotherPurposeIsNotApplicable() {
		String email = subscribed("purpose");

		var answer = ask(new ObjectionReceived(id(), ref(email), "statistics", Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
		assertThat(answer.reason()).contains("newsletter");
		assertThat(suppressed(email)).isFalse();
		assertThat(subscriptions(ref(email)).getFirst().getString("state")).isEqualTo("ACTIVE");
	}

	@Test
	void accessExportOpensToTheSubjectsDataAndNothingOfAnother() {
		String email = subscribed("access");
		String other = subscribed("bystander");
		var request = new AccessRequested(id(), ref(email), Instant.now());

		var answer = ask(request);

		assertThat(answer.outcome()).isEqualTo(Outcome.EXPORTED);
		String export = LEDGER_SEAL.open(request.requestId(), answer.sealedData());
		assertThat(export).contains(email, "\"state\":\"ACTIVE\"", "198.51.100.23", "ConfirmingBrowser/2.0",
				"\"consentTextVersion\":\"2026-11-25\"", "\"consentTextSha256\":\"", "\"formId\":\"default\"",
				"\"restrictedSince\":null", "\"suppressedSince\":null");
		assertThat(export).doesNotContain(other, ref(other).value());
		var raw = ledger.awaitRawAnswers(request.requestId(), 1).getFirst();
		assertThat(EventLog.everything(raw)).doesNotContain(email, "198.51.100.23");
	}

	@Test
	void accessForAnUnknownSubjectFindsNothing() {
		assertThat(ask(new AccessRequested(id(), ref(newAddress("nobody")), Instant.now())).outcome())
			.isEqualTo(Outcome.NOTHING_FOUND);
	}

	/** Art. 18(2): the person's own sign-up while restricted is their consent to it: the confirmation mail goes out. */
	@Test
	void aSignUpWhileRestrictedIsThePersonsConsentAndIsMailed() {
		String email = newAddress("restricted");
		assertThat(ask(new RestrictionRequested(id(), ref(email), Instant.now())).outcome()).isEqualTo(Outcome.DONE);

		confirm(signUp(email, "news", 1));

		inbox.awaitMessages(email, 2);
	}

	@Test
	void restrictionHoldsTheMailsOwedBeforeItAndLiftingReleasesThemOnce() {
		String email = newAddress("restrict");
		relay.stop();
		try {
			assertThat(http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email
					+ "\",\"consent\":true}").statusCode()).isEqualTo(202);
			clock.advance(Duration.ofSeconds(1));
			assertThat(ask(new RestrictionRequested(id(), ref(email), Instant.now())).outcome())
				.isEqualTo(Outcome.DONE);
		}
		finally {
			relay.start();
		}
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
			.until(() -> inbox.messagesTo(email).isEmpty());
		assertThat(subscriptions(ref(email)).getFirst().getList("mails", Document.class)).as("held, not lost")
			.hasSize(1);

		assertThat(ask(new RestrictionLifted(id(), ref(email), Instant.now())).outcome()).isEqualTo(Outcome.DONE);

		inbox.awaitMessages(email, 1);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> inbox.messagesTo(email).size() == 1);
		confirm(token(inbox.messagesTo(email).getFirst()));
	}

	/** A rectification whose new address is sealed for it, as the ledger sends it. */
	RectificationRequested rectification(String from, String to) {
		PrivacyRequestId id = id();
		return new RectificationRequested(id, ref(from), ref(to), LEDGER_SEAL.seal(id, to), Instant.now());
	}

	@Test
	void rectificationReconfirmsAtTheNewAddress() {
		String old = subscribed("old");
		String corrected = newAddress("corrected");

		assertThat(ask(rectification(old, corrected)).outcome()).isEqualTo(Outcome.DONE);

		assertThat(subscriptions(ref(old))).isEmpty();
		assertThat(subscriptions(ref(corrected))).singleElement().satisfies(s -> {
			assertThat(s.getString("state")).isEqualTo("PENDING");
			assertThat(s.getString("email")).isEqualTo(corrected);
			assertThat(s.getList("earlierConsents", Document.class)).singleElement()
				.satisfies(c -> assertThat(c.getString("confirmIp")).isEqualTo("198.51.100.23"));
		});
		confirm(token(inbox.awaitMessages(corrected, 1)));
		assertThat(subscriptions(ref(corrected)).getFirst().getString("state")).isEqualTo("ACTIVE");
		assertThat(inbox.messagesTo(old)).hasSize(2);
	}

	@Test
	void rectificationWithAnAddressSealedForAnotherRequestFails() {
		String old = subscribed("mismatch");
		String corrected = newAddress("corrected");
		var foreign = new RectificationRequested(id(), ref(old), ref(corrected),
				LEDGER_SEAL.seal(id(), corrected), Instant.now());

		var answer = ask(foreign);

		assertThat(answer.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(answer.reason()).doesNotContain(corrected);
		assertThat(subscriptions(ref(old))).singleElement()
			.satisfies(s -> assertThat(s.getString("email")).isEqualTo(old));
	}

	@Test
	void rectificationOfAnUnknownSubjectFindsNothing() {
		String corrected = newAddress("corrected");

		assertThat(ask(rectification(newAddress("ghost"), corrected)).outcome()).isEqualTo(Outcome.NOTHING_FOUND);
		assertThat(inbox.messagesTo(corrected)).isEmpty();
	}

	@Test
	void answersCarryNoAddress() {
		String email = subscribed("leak");
		ask(new AccessRequested(id(), ref(email), Instant.now()));
		ask(new ObjectionReceived(id(), ref(email), "newsletter", Instant.now()));

		assertThat(ledger.allAnswers()).isNotEmpty()
			.allSatisfy(r -> assertThat(EventLog.everything(r)).doesNotContain(email, "@example.org"));
	}
}
