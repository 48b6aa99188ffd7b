package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.erasure.support.LedgerTests;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.erasure.support.Stores;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.testing.TestServers;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.formgate.erasure.support.PrivacyApi.expectedStores;
import static dev.formgate.erasure.support.PrivacyApi.tree;
import static dev.formgate.testing.Http.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The "Meine Daten" requests end to end inside the service: the form's answer, the mailed link on the real SMTP
 * server, the page behind it, the filing in the ledger, the stores' answers on Kafka, the status and the export; and
 * every way a link or the form can be wrong.
 */
@ErasureServiceTest
class SelfServiceIntegrationTests extends LedgerTests {

	static final String FORM = "/api/privacy/self-service";
	static final String LINK = "/privacy/request";
	static final Pattern URL = Pattern.compile("https?://\\S+");

	String newsletter;

	@BeforeEach
	void registerNewsletterStore() {
		newsletter = registerStore("subscriptions", "Sending the newsletter", "Versand des Newsletters");
	}

	@Test
	void answersAndMailsTheSameWhetherOrNotAStoreKnowsTheAddress() {
		String known = PrivacyApi.newAddress();
		String unknown = PrivacyApi.newAddress();

		HttpResponse<String> first = ask(known, "ACCESS");
		HttpResponse<String> second = ask(unknown, "ACCESS");

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(second.statusCode()).isEqualTo(202);
		assertThat(first.body()).isEqualTo(second.body()).doesNotContain(known);
		String knownMail = body(awaitMail(known, 1)).replace(token(awaitMail(known, 1)), "T");
		String unknownMail = body(awaitMail(unknown, 1)).replace(token(awaitMail(unknown, 1)), "T");
		assertThat(knownMail).isEqualTo(unknownMail).doesNotContain(known).contains("Meine Daten");
	}

	@Test
	void openingTheLinkFilesNothingOnlyTheButtonDoesAndTheLinkThenShowsTheExport() {
		String email = PrivacyApi.newAddress();
		SubjectRef subject = subjectRefs.of(email);
		ask(email, "ACCESS");
		String token = token(awaitMail(email, 1));

		HttpResponse<String> opened = http.get(LINK + "?token=" + token);
		assertThat(opened.statusCode()).isEqualTo(200);
		assertThat(opened.body()).contains("<form method=\"post\" action=\"/privacy/request\"")
			.contains("value=\"ACCESS\"");
		assertThat(opened.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(filedFor(subject)).as("a GET files nothing").isEmpty();

		HttpResponse<String> confirmed = confirmAndFollow(token, "ACCESS");
		assertThat(confirmed.statusCode()).isEqualTo(200);
		List<Document> filed = filedFor(subject);
		assertThat(filed).hasSize(1);
		assertThat(filed.getFirst().getString("receivedVia")).isEqualTo("SELF_SERVICE");
		assertThat(filed.getFirst().getString("identityVerifiedBy")).isEqualTo("control of the address");
		assertThat(mongo.findOne(query(where("privacyRequestId").is(filed.getFirst().getString("_id"))),
				Document.class, "self_service_requests").toJson())
			.as("the address is gone once confirmed").doesNotContain(email).doesNotContain("example.org");

		String id = filed.getFirst().getString("_id");
		PrivacyRequestId requestId = new PrivacyRequestId(id);
		String data = "{\"subscriptions\":[{\"email\":\"" + email + "\",\"list\":\"news\"}]}";
		for (String store : expectedStores(api.get(id))) {
			stores.answer(store.equals(newsletter)
					? new StoreOutcomeReported(requestId, subject, store, Outcome.EXPORTED, Map.of("subscriptions", 1L),
							null, seal.seal(requestId, data), Instant.now())
					: new StoreOutcomeReported(requestId, subject, store, Outcome.NOTHING_FOUND, Map.of(), null, null,
							Instant.now()));
		}
		api.awaitState(id, "COMPLETED");

		HttpResponse<String> status = http.get(LINK + "?token=" + token + "&lang=en");
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).contains(newsletter).contains("data provided").contains("Receipt")
			.contains("/privacy/request/export.json?token=").doesNotContain(email);

		HttpResponse<String> json = http.get(LINK + "/export.json?token=" + token);
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
		assertThat(json.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(tree(json.body()).path("requestId").asString()).isEqualTo(id);
		assertThat(json.body()).contains(email);

		HttpResponse<String> page = http.get(LINK + "/export?token=" + token);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(email).contains("subscriptions › 1 › list").contains("Versand des Newsletters");
	}

	@Test
	void aSecondClickFilesNothingAgain() {
		String email = PrivacyApi.newAddress();
		ask(email, "OBJECTION");
		String token = token(awaitMail(email, 1));

		assertThat(confirmAndFollow(token, "OBJECTION").statusCode()).isEqualTo(200);
		HttpResponse<String> again = confirm(token, "OBJECTION");

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("nicht noch einmal gestellt");
		assertThat(filedFor(subjectRefs.of(email))).hasSize(1);
		assertThat(filedFor(subjectRefs.of(email)).getFirst().getString("purpose")).isEqualTo("newsletter");
	}

	@Test
	void unknownExpiredAndTamperedLinksGetTheSamePageAndFileNothing() {
		String email = PrivacyApi.newAddress();
		ask(email, "ERASURE");
		String token = token(awaitMail(email, 1));
		String id = token.substring(0, token.indexOf('.'));
		String secret = token.substring(token.indexOf('.') + 1);
		String other = PrivacyApi.newAddress();
		ask(other, "ERASURE");
		String otherToken = token(awaitMail(other, 1));

		List<String> wrong = List.of(UUID.randomUUID() + "." + secret, id + "." + secret.substring(1) + "A",
				id + "." + otherToken.substring(otherToken.indexOf('.') + 1), id, "." + secret, "x".repeat(300),
				"not-a-uuid." + secret);
		HttpResponse<String> reference = http.get(LINK + "?token=" + UUID.randomUUID() + ".abc");
		assertThat(reference.statusCode()).isEqualTo(400);
		for (String token2 : wrong) {
			HttpResponse<String> opened = http.get(LINK + "?token=" + token2);
			HttpResponse<String> confirmed = confirm(token2, "ERASURE");
			assertThat(opened.statusCode()).isEqualTo(400);
			assertThat(opened.body()).isEqualTo(reference.body());
			assertThat(confirmed.statusCode()).isEqualTo(400);
			assertThat(confirmed.body()).isEqualTo(reference.body());
		}
		assertThat(http.get(LINK).body()).isEqualTo(reference.body());

		clock.advance(Duration.ofHours(25));
		try {
			assertThat(http.get(LINK + "?token=" + token).body()).as("expired").isEqualTo(reference.body());
			assertThat(confirm(token, "ERASURE").body()).isEqualTo(reference.body());
		}
		finally {
			clock.advance(Duration.ofHours(-25));
		}
		assertThat(filedFor(subjectRefs.of(email))).isEmpty();
	}

	@Test
	void aConfirmationForAnotherRequestTypeFilesNothing() {
		String email = PrivacyApi.newAddress();
		ask(email, "ACCESS");
		String token = token(awaitMail(email, 1));

		HttpResponse<String> other = confirm(token, "ERASURE");
		HttpResponse<String> none = http.postForm(LINK, fields("token", token), "Accept", "text/html");

		assertThat(other.statusCode()).isEqualTo(400);
		assertThat(other.body()).contains("anderen Antrag");
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(filedFor(subjectRefs.of(email))).isEmpty();
		assertThat(confirmAndFollow(token, "ACCESS").statusCode()).as("the right one still works").isEqualTo(200);
	}

	@Test
	void sendsOneVerificationMailPerInboxWithinTheCooldownUntilALinkIsConfirmed() {
		String email = PrivacyApi.newAddress();
		String variant = email.replace("@", "+x@");

		assertThat(ask(email, "ACCESS").statusCode()).isEqualTo(202);
		assertThat(ask(variant, "ERASURE").statusCode()).isEqualTo(202);
		String token = token(awaitMail(email, 1));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> mailsTo(variant).isEmpty() && mailsTo(email).size() == 1);

		confirm(token, "ACCESS");
		ask(email, "ERASURE");
		assertThat(body(awaitMail(email, 2))).contains("Löschung");
	}

	@Test
	void refusesControlAndFormatCharactersInTheAddressWithoutEchoingThem() {
		String local = "ctl-" + UUID.randomUUID();
		for (String address : List.of(local + "\u0000@example.org", local + "\u0007@example.org",
				local + "\u202E@example.org", local + "\u200B@example.org", local + "@example.org\r\nBcc: x@example.org")) {
			HttpResponse<String> answer = http.postForm(FORM, fields("email", address, "type", "ACCESS"),
					"Accept", "application/json");
			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.body()).contains("\"field\":\"email\"").doesNotContain(local);
		}
		HttpResponse<String> page = http.postForm(FORM, fields("email", local + "\u202E@example.org", "type", "ACCESS"),
				"Accept", "text/html");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).doesNotContain(local);
		assertThat(Arrays.stream(TestServers.SMTP.getReceivedMessages()).map(SelfServiceIntegrationTests::body))
			.noneMatch(b -> b.contains(local));
	}

	@Test
	void refusesDuplicateFieldsAndKeysAndIgnoresBracketedOnes() {
		String email = PrivacyApi.newAddress();
		String other = PrivacyApi.newAddress();

		HttpResponse<String> twice = http.post(FORM, "application/x-www-form-urlencoded",
				"type=ACCESS&email=" + enc(email) + "&email=" + enc(other), "Accept", "application/json");
		HttpResponse<String> twiceJson = http.postJson(FORM,
				"{\"type\":\"ACCESS\",\"email\":\"" + email + "\",\"email\":\"" + other + "\"}", "Accept",
				"application/json");
		HttpResponse<String> typeTwice = http.post(FORM, "application/x-www-form-urlencoded",
				"type=ACCESS&type=ERASURE&email=" + enc(email), "Accept", "application/json");
		HttpResponse<String> bracketed = http.post(FORM, "application/x-www-form-urlencoded",
				"type=ACCESS&email%5B%24ne%5D=" + enc(other), "Accept", "application/json");

		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("\"code\":\"duplicate\"").doesNotContain(email).doesNotContain(other);
		assertThat(twiceJson.statusCode()).isEqualTo(400);
		assertThat(twiceJson.body()).doesNotContain(email).doesNotContain(other);
		assertThat(typeTwice.statusCode()).isEqualTo(400);
		assertThat(bracketed.statusCode()).as("a bracketed field binds nothing: the address is missing").isEqualTo(400);
		assertThat(bracketed.body()).contains("\"field\":\"email\",\"code\":\"required\"").doesNotContain(other);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
			.until(() -> mailsTo(email).isEmpty() && mailsTo(other).isEmpty());
	}

	@Test
	void refusesPathsInAnyButTheirCanonicalSpelling() {
		for (String path : List.of("/privacy/%72equest?token=x", "/privacy//request?token=x",
				"/privacy/./request?token=x", "/privacy/request/?token=x", "/privacy/request;a=b?token=x")) {
			HttpResponse<String> answer = http.get(path, "Accept", "application/json");
			assertThat(answer.statusCode()).as(path).isIn(400, 404);
		}
	}

	@Test
	void aCorrectedAddressIsConfirmedAtTheNewAddressBeforeAnythingIsFiled() {
		String old = PrivacyApi.newAddress();
		String corrected = PrivacyApi.newAddress();
		assertThat(http.postForm(FORM, fields("email", old, "newEmail", corrected, "type", "RECTIFICATION", "lang",
				"en"), "Accept", "application/json").statusCode()).isEqualTo(202);
		String first = token(awaitMail(old, 1));

		HttpResponse<String> confirmedOld = confirmAndFollow(first, "RECTIFICATION");
		assertThat(confirmedOld.body()).contains("neue Adresse");
		assertThat(filedFor(subjectRefs.of(old))).as("not before the new address confirmed").isEmpty();
		MimeMessage toNew = awaitMail(corrected, 1);
		assertThat(body(toNew)).doesNotContain(old).contains("this one");
		String second = token(toNew);
		assertThat(http.get(LINK + "?token=" + first + "&lang=en").body()).as("the old link waits")
			.contains("new address");

		assertThat(confirmAndFollow(second, "RECTIFICATION").statusCode()).isEqualTo(200);
		List<Document> filed = filedFor(subjectRefs.of(old));
		assertThat(filed).hasSize(1);
		assertThat(filed.getFirst().getString("newSubjectRef")).isEqualTo(subjectRefs.of(corrected).value());
		assertThat(http.get(LINK + "?token=" + first).statusCode()).as("both links show the status").isEqualTo(200);
	}

	/** Art. 18: the person learns what the restriction does, what their new requests mean, and how to lift it. */
	@Test
	void aRestrictionsStatusPageSaysWhatItDoesAndHowToLiftIt() {
		String email = PrivacyApi.newAddress();
		ask(email, "RESTRICTION");

		HttpResponse<String> status = confirmAndFollow(token(awaitMail(email, 1)), "RESTRICTION");

		assertThat(status.body()).contains("Was die Einschränkung bewirkt").contains("Art. 18 Abs. 2 DSGVO")
			.contains("href=\"/meine-daten\"").contains("Einschränkung aufheben");
		assertThat(filedFor(subjectRefs.of(email)).getFirst().getString("state")).as("goes out at once")
			.isIn("RECEIVED", "IN_PROGRESS");
	}

	@Test
	void anErasureIsHeldForTheOfficerWhereAStoreKeepsLegalHolds() {
		String holding = Stores.newStoreName();
		stores.register(new StoreRegistered(holding, true, List.of(), Instant.now(), true));
		api.awaitRegistered(holding);
		String email = PrivacyApi.newAddress();
		ask(email, "ERASURE");

		HttpResponse<String> confirmed = confirmAndFollow(token(awaitMail(email, 1)), "ERASURE");

		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Datenschutzbeauftragten zur Prüfung");
		List<Document> filed = filedFor(subjectRefs.of(email));
		assertThat(filed).hasSize(1);
		assertThat(filed.getFirst().getString("state")).isEqualTo("AWAITING_REVIEW");
	}

	private HttpResponse<String> ask(String email, String type) {
		return http.postForm(FORM, fields("email", email, "type", type), "Accept", "application/json");
	}

	private HttpResponse<String> confirm(String token, String type) {
		return http.postForm(LINK, fields("token", token, "type", type), "Accept", "text/html");
	}

	/** The button, then the page its 303 leads to (post/redirect/get: a reload does not confirm again). */
	private HttpResponse<String> confirmAndFollow(String token, String type) {
		HttpResponse<String> confirmed = confirm(token, type);
		assertThat(confirmed.statusCode()).isEqualTo(303);
		String location = confirmed.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(LINK + "?token=");
		return http.get(location);
	}

	private List<Document> filedFor(SubjectRef subject) {
		return mongo.find(query(where("subjectRef").is(subject.value())), Document.class, "privacy_requests");
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(TestServers.SMTP.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
					.anyMatch(a -> a.toString().equalsIgnoreCase(address));
			}
			catch (MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	static MimeMessage awaitMail(String address, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(address).size() >= count);
		return mailsTo(address).get(count - 1);
	}

	static String body(MimeMessage message) {
		try {
			return (String) message.getContent();
		}
		catch (IOException | MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The link's token, from the mail's only link. */
	static String token(MimeMessage message) {
		Matcher link = URL.matcher(body(message));
		assertThat(link.find()).isTrue();
		String query = URI.create(link.group()).getRawQuery();
		for (String pair : query.split("&")) {
			if (pair.startsWith("token=")) {
				return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no token in the link");
	}
}
