package dev.formgate.contact.request.web;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.Inbox;
import dev.formgate.events.SubjectRefs;
import dev.formgate.testing.Http;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.formgate.contact.support.ContactForms.formFields;
import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;
import static dev.formgate.contact.support.ContactForms.with;
import static org.assertj.core.api.Assertions.assertThat;

@ContactServiceTest
@ExtendWith(OutputCaptureExtension.class)
class ContactFormIntegrationTests {

	static final String VICTIM = "victim@example.net";
	static final String MARKER = "SECRET";

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubjectRefs subjectRefs;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
	}

	HttpResponse<String> post(Map<String, Object> form) {
		return http.postJson("/api/contact", json(form));
	}

	Document stored(String email) {
		return mongo.getCollection("contact_requests").find(new Document("email", email)).first();
	}

	long storedCount() {
		return mongo.getCollection("contact_requests").countDocuments();
	}

	@Test
	void storesAJsonRequestAndNotifiesTheTopicInboxWithTheSenderAsReplyTo() throws Exception {
		String email = newAddress();
		Map<String, Object> form = valid(email);

		var response = post(form);

		assertThat(response.statusCode()).isEqualTo(202);
		Document request = stored(email);
		assertThat(request).containsEntry("state", "RECEIVED").containsEntry("topic", "buergerservice")
			.containsEntry("subjectRef", subjectRefs.of(email).value()).containsEntry("subject", form.get("subject"))
			.containsEntry("name", "Erika Mustermann");
		assertThat(request.get("receivedAt")).isNotNull();

		MimeMessage mail = inbox.awaitMessage("buergerservice@formgate.test", request.getString("_id"));
		assertThat(mail.getFrom()).containsExactly(new InternetAddress("Formgate Kontakt <kontakt@formgate.test>"));
		assertThat(mail.getReplyTo()).hasSize(1);
		InternetAddress replyTo = (InternetAddress) mail.getReplyTo()[0];
		assertThat(replyTo.getAddress()).isEqualTo(email);
		assertThat(replyTo.getPersonal()).isEqualTo("Erika Mustermann");
		assertThat(mail.getSubject()).isEqualTo("Kontaktanfrage (Bürgerservice): " + form.get("subject"));
		assertThat(Inbox.body(mail)).contains((String) form.get("message")).contains(request.getString("_id"));
		assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
	}

	@Test
	void eachTopicNotifiesItsOwnInbox() {
		String email = newAddress();
		post(with(valid(email), "topic", "presse"));
		String id = stored(email).getString("_id");

		inbox.awaitMessage("presse@formgate.test", id);
		assertThat(inbox.messagesTo("buergerservice@formgate.test", id)).isEmpty();
	}

	@Test
	void acknowledgesToTheSenderWithoutAnythingTheSenderTyped() {
		String email = newAddress();
		Map<String, Object> form = with(with(valid(email), "language", "en"), "name", "Spam Spammer http://spam.example");

		post(form);

		MimeMessage ack = inbox.awaitMessages(email, 1);
		String body = Inbox.body(ack);
		assertThat(body).contains(stored(email).getString("_id")).contains("We have received it");
		for (String typed : List.of("Spam", "spam.example", (String) form.get("subject"), "fertig")) {
			assertThat(body).doesNotContain(typed);
			assertThat(Inbox.rawHeaders(ack)).doesNotContain(typed);
		}
	}

	/**
	 * The sender's address is not confirmed: +tag variants of one inbox must not each get an acknowledgement. Every
	 * request is still stored and notified to staff.
	 */
	@Test
	void acknowledgesOneInboxOnceWithinTheCooldownWhicheverVariantWasPosted() {
		String email = newAddress();
		String local = email.substring(0, email.indexOf('@'));
		String domain = email.substring(email.indexOf('@'));
		List<String> variants = List.of(email, local + "+a" + domain, local.toUpperCase() + "+b" + domain);
		for (String variant : variants) {
			assertThat(post(valid(variant)).statusCode()).isEqualTo(202);
		}

		for (String variant : variants) {
			inbox.awaitMessage("buergerservice@formgate.test", stored(variant).getString("_id"));
		}
		inbox.awaitMessages(email, 1);
		assertThat(variants.stream().mapToInt(v -> inbox.messagesTo(v).size()).sum()).isEqualTo(1);
		assertThat(mongo.getCollection("acknowledgement_cooldowns").find().first().toJson()).doesNotContain(local);
	}

	@Test
	void acceptsAPlainFormPostAndShowsBrowsersAThankYouPageInTheirLanguage() {
		String german = newAddress();
		String english = newAddress();

		var de = http.postForm("/api/contact", formFields(valid(german)), "Accept", "text/html,*/*;q=0.8");
		var en = http.postForm("/api/contact", formFields(with(valid(english), "language", "en")), "Accept",
				"text/html");

		assertThat(de.statusCode()).isEqualTo(202);
		assertThat(de.body()).contains("Vielen Dank für Ihre Nachricht").contains("lang=\"de\"");
		assertThat(en.statusCode()).isEqualTo(202);
		assertThat(en.body()).contains("Thank you for your message").contains("lang=\"en\"");
		assertThat(stored(german)).isNotNull();
		assertThat(stored(english)).isNotNull();
	}

	@Test
	void answersByteIdenticallyForEveryAcceptedRequestAndForTheHoneypot() {
		var first = post(valid(newAddress()));
		var second = post(with(valid(newAddress()), "topic", "presse"));
		String botAddress = newAddress();
		long before = storedCount();
		var bot = post(with(valid(botAddress), "website", "http://spam.example"));
		var botForm = http.postForm("/api/contact", formFields(with(valid(botAddress), "website", "x")));

		for (var response : List.of(second, bot, botForm)) {
			assertThat(response.statusCode()).isEqualTo(first.statusCode()).isEqualTo(202);
			assertThat(response.body()).isEqualTo(first.body());
			assertThat(response.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
			assertThat(response.headers().firstValue("Content-Length"))
				.isEqualTo(first.headers().firstValue("Content-Length"));
		}
		assertThat(storedCount()).as("the honeypot stores nothing").isEqualTo(before);
		assertThat(stored(botAddress)).isNull();
		assertThat(inbox.deliveredAnythingTo(botAddress)).isFalse();
	}

	@Test
	void rejectsMissingFieldsNamingEachOne() {
		var response = http.postJson("/api/contact", "{\"name\":\"Erika\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		for (String field : List.of("email", "topic", "subject", "message", "privacy")) {
			assertThat(response.body()).contains("{\"field\":\"" + field + "\",\"code\":\"required\"");
		}
		assertThat(response.body()).doesNotContain("\"field\":\"name\"").doesNotContain("Erika");
	}

	@Test
	void rejectsUnknownTopicInvalidAddressAndLanguage() {
		var response = post(with(with(with(valid("not-an-address"), "topic", "nope"), "language", "fr"), "email",
				"not-an-address"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("{\"field\":\"topic\",\"code\":\"invalid\"")
			.contains("{\"field\":\"email\",\"code\":\"invalid\"").contains("{\"field\":\"language\",\"code\":\"invalid\"")
			.doesNotContain("not-an-address");
	}

	@Test
	void rejectsFieldsOverTheirLimitsAsTooLong() {
		String email = newAddress();
		var response = post(with(with(with(valid(email), "name", "N".repeat(101)), "subject", "S".repeat(201)),
				"message", "ä".repeat(5001)));

		assertThat(response.statusCode()).isEqualTo(400);
		for (String field : List.of("name", "subject", "message")) {
			assertThat(response.body()).contains("{\"field\":\"" + field + "\",\"code\":\"too-long\"");
		}
		assertThat(stored(email)).isNull();
		assertThat(post(with(valid(email), "message", "ä".repeat(5000))).statusCode()).as("exactly the limit")
			.isEqualTo(202);
	}

	@Test
	void refusesBodiesOverTheRequestLimitWith413() {
		var response = post(with(valid(newAddress()), "message", "x".repeat(70_000)));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":413");
	}

	@ParameterizedTest
	@ValueSource(strings = { "name", "subject" })
	void refusesLineBreaksInOneLineFieldsSoNoneCanReachAMailHeader(String field) {
		for (String breaking : List.of("\r\nBcc: " + VICTIM, "\nBcc: " + VICTIM, "\rBcc: " + VICTIM,
				"\u0085Bcc: " + VICTIM, "\u2028Bcc: " + VICTIM, "x\u0000y")) {
			String email = newAddress();
			var json = post(with(valid(email), field, "Hallo" + breaking));
			var form = http.postForm("/api/contact", formFields(with(valid(email), field, "Hallo" + breaking)));

			assertThat(json.statusCode()).as("JSON %s with %s", field, breaking.codePointAt(0)).isEqualTo(400);
			assertThat(json.body()).contains("{\"field\":\"" + field + "\",\"code\":\"invalid\"");
			assertThat(form.statusCode()).as("form %s", field).isEqualTo(400);
			assertThat(stored(email)).isNull();
		}
		assertThat(inbox.deliveredAnythingTo(VICTIM)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "name", "subject", "email" })
	void refusesInvisibleFormattingCharactersStaffWouldBeFooledBy(String field) {
		for (String hidden : List.of("\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u00AD")) {
			String email = newAddress();
			String value = field.equals("email") ? email.replace("@", hidden + "@") : "Rechnung" + hidden + "fdp.exe";

			var response = post(with(valid(email), field, value));

			assertThat(response.statusCode()).as("%s with U+%04X", field, hidden.codePointAt(0)).isEqualTo(400);
			assertThat(response.body()).contains("{\"field\":\"" + field + "\",\"code\":\"invalid\"")
				.contains("nvisible formatting characters");
			assertThat(stored(email)).isNull();
		}
	}

	@Test
	void refusesLineBreaksAndListsInTheAddress() {
		for (String email : List.of("a@example.org\r\nBcc: " + VICTIM, "a@example.org\nCc: " + VICTIM,
				"a@example.org, " + VICTIM, "Erika <a@example.org>", "a@example.org%0d%0aBcc:" + VICTIM)) {
			var response = post(with(valid(newAddress()), "email", email));
			assertThat(response.statusCode()).as(email).isEqualTo(400);
			assertThat(response.body()).contains("{\"field\":\"email\"");
		}
		assertThat(inbox.deliveredAnythingTo(VICTIM)).isFalse();
	}

	@Test
	void addressSyntaxInTheNameStaysPartOfTheDisplayName() throws Exception {
		String email = newAddress();
		String name = "Evil \"Boss\" <" + VICTIM + ">, " + VICTIM + "; =?utf-8?q?x?=";

		assertThat(post(with(valid(email), "name", name)).statusCode()).isEqualTo(202);

		MimeMessage mail = inbox.awaitMessage("buergerservice@formgate.test", stored(email).getString("_id"));
		assertThat(mail.getReplyTo()).hasSize(1);
		assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress()).isEqualTo(email);
		assertThat(mail.getAllRecipients()).hasSize(1);
		assertThat(Inbox.rawHeaders(mail)).doesNotContainPattern("(?m)^(Bcc|Cc):");
		assertThat(inbox.deliveredAnythingTo(VICTIM)).isFalse();
	}

	@Test
	void refusesQueryOperatorsWhereTextBelongsWith400() {
		long before = storedCount();
		for (String body : List.of("{\"email\":{\"$ne\":null},\"topic\":\"buergerservice\",\"subject\":\"s\",\"message\":\"m\",\"privacy\":true}",
				"{\"email\":\"a@example.org\",\"topic\":{\"$gt\":\"\"},\"subject\":\"s\",\"message\":\"m\",\"privacy\":true}",
				"{\"email\":[\"a@example.org\"],\"topic\":\"buergerservice\",\"subject\":\"s\",\"message\":\"m\",\"privacy\":true}")) {
			var response = http.postJson("/api/contact", body);

			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).containsPattern("\"field\":\"(email|topic)\",\"code\":\"invalid\"")
				.doesNotContain("$ne").doesNotContain("$gt");
		}
		assertThat(storedCount()).isEqualTo(before);
	}

	@Test
	void showsBrowsersAPageNamingTheInvalidFieldsInTheirLanguage() {
		var response = http.postForm("/api/contact", Map.of("email", "nope", "language", "en"), "Accept",
				"text/html");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Please check your input").contains("E-mail address is invalid")
			.contains("Message is missing").contains("Acknowledgement of the privacy notice is missing");
	}

	@Test
	void refusesOtherContentTypesWith415() {
		var response = http.post("/api/contact", "text/plain", "email=a@example.org");

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("https://formgate.dev/problems/unsupported-media-type")
			.doesNotContain("text/plain");
	}

	@Test
	void refusesAMultipartPostWithoutParsingItsParts() {
		String email = newAddress();
		String body = "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n" + email
				+ "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n\r\n"
				+ "x".repeat(10_000) + "\r\n--b--\r\n";

		var response = http.post("/api/contact", "multipart/form-data; boundary=b", body);

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(stored(email)).isNull();
	}

	@Test
	void refusesAFormFromAnIso88591PageWithAProblemOrAPageAndLogsNoneOfIt(CapturedOutput output) {
		String email = newAddress();
		Map<String, String> fields = new LinkedHashMap<>(formFields(valid(email)));
		fields.remove("name");
		String latin1 = Http.form(fields) + "&name=J%FCrgen-" + MARKER;

		var api = http.post("/api/contact", "application/x-www-form-urlencoded", latin1);
		var browser = http.post("/api/contact", "application/x-www-form-urlencoded", latin1, "Accept", "text/html");

		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(api.body()).contains("https://formgate.dev/problems/invalid-input").doesNotContain(MARKER);
		assertThat(browser.statusCode()).isEqualTo(400);
		assertThat(browser.body()).contains("<html lang=\"de\"").contains("Bitte prüfen Sie Ihre Angaben")
			.doesNotContain(MARKER);
		assertThat(stored(email)).isNull();
		assertThat(output.getAll()).doesNotContain(MARKER).doesNotContain(email);
	}

	@Test
	void ignoresBracketedFieldsAndRefusesFieldsSentTwice(CapturedOutput output) {
		String email = newAddress();
		Map<String, String> fields = new LinkedHashMap<>(formFields(valid(email)));
		fields.remove("email");

		var operator = http.post("/api/contact", "application/x-www-form-urlencoded",
				Http.form(fields) + "&email%5B%24ne%5D=" + MARKER);
		var twice = http.post("/api/contact", "application/x-www-form-urlencoded",
				Http.form(fields) + "&email=" + email + "&email=" + MARKER + "%40example.org");
		var extras = http.post("/api/contact", "application/x-www-form-urlencoded",
				Http.form(fields) + "&email=" + email + "&x%5B0%5D=1&tx_form%5Bid%5D=7&submit=Senden");

		assertThat(operator.statusCode()).isEqualTo(400);
		assertThat(operator.body()).contains("{\"field\":\"email\",\"code\":\"required\"").doesNotContain(MARKER)
			.doesNotContain("$ne");
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("{\"field\":\"email\",\"code\":\"duplicate\"").doesNotContain(MARKER);
		assertThat(extras.statusCode()).as("fields the form does not have are ignored").isEqualTo(202);
		assertThat(stored(email)).isNotNull();
		assertThat(output.getAll()).doesNotContain(MARKER);
	}
}
