package dev.formgate.newsletter.subscription;

import dev.formgate.events.CloudEvents;
import dev.formgate.events.SubjectRefs;
import dev.formgate.newsletter.support.EventLog;
import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.Inbox;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.newsletter.support.TestClock;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
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
class ConfirmAndUnsubscribeIntegrationTests {

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

	@Autowired
	EventLog events;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
	}

	/** Signs up a fresh address and returns the path and query of its confirmation link. */
	String signUpAndReadConfirmLink(String email) {
		assertThat(http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}")
			.statusCode()).isEqualTo(202);
		return local(Inbox.firstLink(inbox.awaitMessages(email, 1)));
	}

	static String local(String url) {
		URI uri = URI.create(url);
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

	static String token(String link) {
		return link.replaceAll(".*token=([^&]+).*", "$1");
	}

	Subscription stored(String email) {
		return mongo.findOne(query(where("subjectRef").is(subjectRefs.of(email).value())), Subscription.class);
	}

	HttpResponse<String> pressConfirm(String token) {
		return http.postForm("/newsletter/confirm", fields("token", token, "lang", "de"), "User-Agent",
				"ConfirmingBrowser/2.0", "X-Forwarded-For", "198.51.100.23");
	}

	@Test
	void openingTheLinkOnlyShowsAButtonAndThePostConfirms() {
		String email = "reader-" + UUID.randomUUID() + "@example.org";
		String link = signUpAndReadConfirmLink(email);

		var page = http.get(link);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<form method=\"post\" action=\"/newsletter/confirm\"")
			.contains("value=\"" + token(link) + "\"");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin");
		assertThat(stored(email).state()).isEqualTo(SubscriptionState.PENDING);

		var confirmed = pressConfirm(token(link));
		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Vielen Dank");
		Subscription subscription = stored(email);
		assertThat(subscription.state()).isEqualTo(SubscriptionState.ACTIVE);
		assertThat(subscription.consent().confirmedAt()).isNotNull();
		assertThat(subscription.consent().confirmIp()).isEqualTo("198.51.100.23");
		assertThat(subscription.consent().confirmUserAgent()).isEqualTo("ConfirmingBrowser/2.0");
	}

	@Test
	void unknownUsedAndExpiredTokensGetTheSamePage() {
		String used = token(signUpAndReadConfirmLink("used-" + UUID.randomUUID() + "@example.org"));
		assertThat(pressConfirm(used).statusCode()).isEqualTo(200);
		String expiredEmail = "expired-" + UUID.randomUUID() + "@example.org";
		String expired = token(signUpAndReadConfirmLink(expiredEmail));
		clock.advance(Duration.ofHours(49));

		var reused = pressConfirm(used);
		var tooLate = pressConfirm(expired);
		var unknown = pressConfirm("A".repeat(43));
		var garbage = pressConfirm("");

		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(reused.body()).contains("nicht mehr gültig");
		for (var response : new HttpResponse[] { tooLate, unknown, garbage }) {
			assertThat(response.statusCode()).isEqualTo(reused.statusCode());
			assertThat(response.body()).isEqualTo(reused.body());
		}
		assertThat(stored(expiredEmail).state()).isEqualTo(SubscriptionState.PENDING);
	}

	@Test
	void welcomeMailCarriesOneClickHeadersAndOneClickPostUnsubscribes() throws Exception {
		String email = "oneclick-" + UUID.randomUUID() + "@example.org";
		pressConfirm(token(signUpAndReadConfirmLink(email)));
		MimeMessage welcome = inbox.awaitMessages(email, 2);

		String header = welcome.getHeader("List-Unsubscribe", null);
		assertThat(welcome.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(header).startsWith("<http").endsWith(">");
		String url = local(header.substring(1, header.length() - 1));

		// RFC 8058: no cookie, no CSRF token, just the body; 200 without redirect.
		var response = http.post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		Subscription subscription = stored(email);
		assertThat(subscription.state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
		assertThat(subscription.email()).isNull();

		String subjectRef = subjectRefs.of(email).value();
		var unsubscribed = events.awaitRecords(r -> EventLog.key(r).equals(subjectRef)
				&& EventLog.header(r, CloudEvents.TYPE).endsWith("Unsubscribed"), 1);
		assertThat(EventLog.value(unsubscribed.getFirst())).contains("\"reason\":\"ONE_CLICK\"");

		assertThat(http.post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode())
			.as("pressing again changes nothing and says the same").isEqualTo(200);
	}

	@Test
	void unsubscribeLinkShowsAButtonAndThePostUnsubscribes() throws Exception {
		String email = "link-" + UUID.randomUUID() + "@example.org";
		pressConfirm(token(signUpAndReadConfirmLink(email)));
		String link = local(Inbox.firstLink(inbox.awaitMessages(email, 2)));

		var page = http.get(link);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("action=\"/newsletter/unsubscribe\"");
		assertThat(stored(email).state()).isEqualTo(SubscriptionState.ACTIVE);

		var done = http.postForm("/newsletter/unsubscribe", fields("token", token(link), "lang", "en"));
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.body()).contains("You are unsubscribed");
		assertThat(stored(email).state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
	}

	@Test
	void refusesATokenThatIsNotUtf8WithoutLoggingIt(CapturedOutput output) {
		String broken = "SECRET-token%FF";

		var page = http.get("/newsletter/confirm?token=" + broken + "&lang=en", "Accept", "text/html");
		var button = http.post("/newsletter/confirm", "application/x-www-form-urlencoded",
				"token=" + broken + "&lang=de", "Accept", "text/html");
		var oneClick = http.post("/newsletter/unsubscribe?token=" + broken, "application/x-www-form-urlencoded",
				"List-Unsubscribe=One-Click");

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("<html lang=\"en\"").contains("Please check your input");
		assertThat(button.statusCode()).isEqualTo(400);
		assertThat(button.body()).contains("<html lang=\"de\"");
		assertThat(oneClick.statusCode()).isEqualTo(400);
		assertThat(oneClick.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		for (var answer : List.of(page, button, oneClick)) {
			assertThat(answer.body()).doesNotContain("SECRET");
		}
		assertThat(output.getAll()).doesNotContain("SECRET");
	}

	@Test
	void rejectsForgedUnsubscribeCredential() {
		String email = "forged-" + UUID.randomUUID() + "@example.org";
		pressConfirm(token(signUpAndReadConfirmLink(email)));
		String id = stored(email).id();

		var forged = http.post("/newsletter/unsubscribe?token=" + id + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
				"application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

		assertThat(forged.statusCode()).isEqualTo(400);
		assertThat(stored(email).state()).isEqualTo(SubscriptionState.ACTIVE);
	}

	@Test
	void newsletterEditorUnsubscribesAnAddress() {
		String email = "admin-" + UUID.randomUUID() + "@example.org";
		pressConfirm(token(signUpAndReadConfirmLink(email)));

		var done = http.postJson("/api/admin/newsletter/unsubscriptions",
				"{\"email\":\"" + email.toUpperCase() + "\"}", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.body()).isEqualTo("{\"unsubscribed\":1}");
		assertThat(stored(email).state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
	}
}
