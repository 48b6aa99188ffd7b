package dev.formgate.newsletter.subscription;

import dev.formgate.events.SubjectRefs;
import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.Inbox;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.newsletter.support.TestClock;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.formgate.newsletter.support.Http.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

@NewsletterServiceTest
@ExtendWith(OutputCaptureExtension.class)
class SignUpIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	TestClock clock;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubjectRefs subjectRefs;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
	}

	static String newAddress() {
		return "visitor-" + UUID.randomUUID() + "@example.org";
	}

	static String json(String email) {
		return "{\"email\":\"" + email + "\",\"consent\":true}";
	}

	HttpResponse<String> signUp(String email) {
		return http.postJson("/api/newsletter/subscriptions", json(email));
	}

	@Test
	void answersAWrongMethodWithoutAWarningInTheLog(CapturedOutput output) {
		var get = http.get("/api/newsletter/subscriptions", "Accept", "application/json");
		var browser = http.get("/api/newsletter/subscriptions", "Accept", "text/html");
		var bare = http.get("/api/newsletter/subscriptions");
		var put = http.send("PUT", "/api/newsletter/subscriptions", "{}");

		assertThat(List.of(get.statusCode(), browser.statusCode(), bare.statusCode(), put.statusCode()))
			.containsOnly(405);
		assertThat(get.body()).contains("method-not-allowed");
		assertThat(output.getAll()).doesNotContain("not supported");
	}

	@Test
	void acceptsJsonSignUpAndSendsConfirmationMailWithoutUserText() throws Exception {
		String email = newAddress();

		var response = http.postJson("/api/newsletter/subscriptions",
				"{\"email\":\"" + email + "\",\"consent\":true,\"language\":\"en\",\"formId\":\"<b>injected</b>\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"formId\"");

		response = http.postJson("/api/newsletter/subscriptions",
				"{\"email\":\"" + email + "\",\"consent\":true,\"language\":\"en\",\"formId\":\"footer\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		var mail = inbox.awaitMessages(email, 1);
		assertThat(mail.getSubject()).startsWith("Please confirm your subscription");
		assertThat(Inbox.firstLink(mail)).contains("/newsletter/confirm?token=").contains("lang=en");
		assertThat(Inbox.body(mail)).doesNotContain("footer");
	}

	@Test
	void acceptsPlainFormPostAndShowsBrowsersAPage() {
		String email = newAddress();

		var response = http.postForm("/api/newsletter/subscriptions",
				fields("email", email, "consent", "on", "language", "de"), "Accept", "text/html,*/*;q=0.8");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
		assertThat(response.body()).contains("Fast geschafft").contains("lang=\"de\"");
		inbox.awaitMessages(email, 1);
	}

	@Test
	void answersABotThatFillsTheHoneypotAsUsualButStoresAndSendsNothing() {
		String email = newAddress();
		String control = newAddress();

		var json = http.postJson("/api/newsletter/subscriptions",
				"{\"email\":\"" + email + "\",\"consent\":true,\"website\":\"http://spam.example\"}");
		var form = http.postForm("/api/newsletter/subscriptions",
				fields("email", email, "consent", "on", "website", "x"));
		var person = signUp(control);

		assertThat(json.statusCode()).isEqualTo(202);
		assertThat(json.body()).isEqualTo(person.body());
		assertThat(form.statusCode()).isEqualTo(202);
		inbox.awaitMessages(control, 1);
		assertThat(inbox.messagesTo(email)).isEmpty();
		assertThat(mongo.exists(query(where("subjectRef").is(subjectRefs.of(email).value())), Subscription.class))
			.isFalse();
	}

	@Test
	void answersByteIdenticallyForNewPendingActiveAndUnsubscribedAddresses() throws Exception {
		String email = newAddress();
		var asNew = signUp(email);
		inbox.awaitMessages(email, 1);
		clock.advance(Duration.ofMinutes(16));
		var asPending = signUp(email);
		var confirmLink = Inbox.firstLink(inbox.awaitMessages(email, 2));
		String token = confirmLink.replaceAll(".*token=([^&]+).*", "$1");
		assertThat(http.postForm("/newsletter/confirm", fields("token", token)).statusCode()).isEqualTo(200);
		var asActive = signUp(email);
		http.postJson("/api/admin/newsletter/unsubscriptions", "{\"email\":\"" + email + "\"}", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));
		var asUnsubscribed = signUp(email);

		for (var response : new HttpResponse[] { asPending, asActive, asUnsubscribed }) {
			assertThat(response.statusCode()).isEqualTo(asNew.statusCode()).isEqualTo(202);
			assertThat(response.body()).isEqualTo(asNew.body());
			assertThat(response.headers().firstValue("Content-Type"))
				.isEqualTo(asNew.headers().firstValue("Content-Type"));
			assertThat(response.headers().firstValue("Content-Length"))
				.isEqualTo(asNew.headers().firstValue("Content-Length"));
		}
	}

	@Test
	void sendsNoSecondMailWithinCooldownHoweverOftenPosted() {
		String email = newAddress();
		for (int i = 0; i < 5; i++) {
			assertThat(signUp(email).statusCode()).isEqualTo(202);
		}
		inbox.awaitMessages(email, 1);
		String other = newAddress();
		signUp(other);
		inbox.awaitMessages(other, 1); // the relay has run since: had a second mail been owed, it would be out too
		assertThat(inbox.messagesTo(email)).hasSize(1);

		clock.advance(Duration.ofMinutes(16));
		signUp(email);
		inbox.awaitMessages(email, 2);
	}

	@Test
	void sendsOneConfirmationMailPerInboxWhicheverVariantOfTheAddressIsPosted() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		List<String> variants = List.of("inbox-" + id + "@example.org", "inbox-" + id + "+news@example.org",
				"Inbox-" + id + "+x@Example.org", "in.box" + id + "@gmail.com", "inbox" + id + "+y@googlemail.com");
		String dotted = "in.box-" + id + "@example.org";
		for (String variant : variants) {
			assertThat(signUp(variant).statusCode()).as(variant).isEqualTo(202);
		}
		assertThat(signUp(dotted).statusCode()).isEqualTo(202);

		inbox.awaitMessages(variants.get(0), 1);
		inbox.awaitMessages(variants.get(3), 1);
		inbox.awaitMessages(dotted, 1); // outside Gmail a dot makes another mailbox, so another person
		assertThat(variants.stream().mapToLong(v -> inbox.messagesTo(v).size()).sum())
			.as("one mail for example.org's inbox, one for Gmail's").isEqualTo(2);

		clock.advance(Duration.ofMinutes(16));
		signUp(variants.get(1));
		inbox.awaitMessages(variants.get(1), 1);
	}

	@Test
	void refusesAddressesWithInvisibleOrLookAlikeCharactersNamingTheReason() {
		for (String address : List.of("erika\u200B" + UUID.randomUUID() + "@example.org",
				"\u202Egro.elpmaxe@" + UUID.randomUUID() + ".org", "p\u0430ypal-" + UUID.randomUUID() + "@example.org",
				"\uFB01-" + UUID.randomUUID() + "@example.org")) {
			var response = signUp(address);

			assertThat(response.statusCode()).as(address).isEqualTo(400);
			assertThat(response.body()).contains("{\"field\":\"email\",\"code\":\"invalid\"")
				.containsAnyOf("invisible formatting characters", "mixes writing systems", "look-alike forms");
			assertThat(inbox.messagesTo(address)).isEmpty();
		}
	}

	@Test
	void keepsProofOfConsentWithClientAddressFromTrustedHopOnly() {
		String email = newAddress();
		var response = http.postJson("/api/newsletter/subscriptions", json(email), "X-Forwarded-For",
				"6.6.6.6, 203.0.113.7", "User-Agent", "TestBrowser/1.0");
		assertThat(response.statusCode()).isEqualTo(202);

		Subscription stored = mongo.findOne(query(where("subjectRef").is(subjectRefs.of(email).value())),
				Subscription.class);
		assertThat(stored).isNotNull();
		ConsentProof consent = stored.consent();
		assertThat(consent.requestIp()).isEqualTo("203.0.113.7");
		assertThat(consent.requestUserAgent()).isEqualTo("TestBrowser/1.0");
		assertThat(consent.formId()).isEqualTo("default");
		assertThat(consent.consentTextVersion()).isEqualTo("2026-11-25");
		assertThat(consent.consentTextSha256()).hasSize(64);
		assertThat(consent.privacyNoticeVersion()).isEqualTo("2026-11-25");
		assertThat(consent.requestedAt()).isNotNull();
		assertThat(stored.state()).isEqualTo(SubscriptionState.PENDING);
	}

	@Test
	void rejectsInvalidAddressNamingTheField() {
		var response = http.postJson("/api/newsletter/subscriptions", "{\"email\":\"not-an-address\",\"consent\":true}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"field\":\"email\"").contains("\"status\":400")
			.doesNotContain("not-an-address");
	}

	@Test
	void rejectsHeaderInjectionInAddress() {
		var response = http.postJson("/api/newsletter/subscriptions",
				"{\"email\":\"a@example.org\\r\\nBcc: victim@example.org\",\"consent\":true}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"email\"");
	}

	@Test
	void rejectsMissingConsentNamingTheField() {
		var json = http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + newAddress() + "\"}");
		var form = http.postForm("/api/newsletter/subscriptions", fields("email", newAddress()));

		assertThat(json.statusCode()).isEqualTo(400);
		assertThat(json.body()).contains("\"field\":\"consent\"");
		assertThat(form.statusCode()).isEqualTo(400);
		assertThat(form.body()).contains("\"field\":\"consent\"");
	}

	@Test
	void showsBrowsersAPageNamingInvalidFields() {
		var response = http.postForm("/api/newsletter/subscriptions", fields("email", "nope", "language", "en"),
				"Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("E-mail address is invalid").contains("Consent is missing");
	}

	@Test
	void rejectsUnknownListAndLanguage() {
		var response = http.postJson("/api/newsletter/subscriptions",
				"{\"email\":\"" + newAddress() + "\",\"consent\":true,\"list\":\"nope\",\"language\":\"fr\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"list\"").contains("\"field\":\"language\"");
	}

	@Test
	void rejectsOversizedBodyWith413() {
		String padding = "x".repeat(20_000);
		var response = http.postJson("/api/newsletter/subscriptions",
				"{\"email\":\"" + newAddress() + "\",\"consent\":true,\"formId\":\"" + padding + "\"}");

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"status\":413");
	}

	@Test
	void rejectsWrongContentTypeWith415() {
		var response = http.post("/api/newsletter/subscriptions", "text/plain", "email=a@example.org");

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void rejectsMalformedJsonWith400() {
		var response = http.postJson("/api/newsletter/subscriptions", "{\"email\": ");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}
}
