package dev.formgate.newsletter.campaign;

import dev.formgate.events.PrivacyEvent.RestrictionRequested;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.Topics;
import dev.formgate.newsletter.support.DkimVerifier;
import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.Inbox;
import dev.formgate.newsletter.support.Subscribers;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.newsletter.support.TestDkimKey;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.PrivacyLedger;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign through the service's API on real parts: it reaches exactly the confirmed, unrestricted, unsuppressed
 * subscribers of its lists, once each, in their language, with the bulk-sender headers and a working one-click
 * unsubscribe; bad input is refused and changes nothing.
 */
@NewsletterServiceTest
class CampaignIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final String BASE = "/api/admin/newsletter/campaigns";

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	PrivacyLedger ledger;

	@Autowired
	SubjectRefs subjectRefs;

	@Value("${spring.cloud.stream.kafka.binder.brokers}")
	String brokers;

	Http http;
	dev.formgate.testing.Http editor;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
		editor = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));
	}

	static String address(String name) {
		return name + "-" + UUID.randomUUID() + "@example.org";
	}

	/** Signs up and confirms through the mail's link; returns the address. */
	String confirmed(String email, String list, String language) {
		return new Subscribers(http, inbox).confirmed(email, list, language);
	}

	static String campaignJson(List<String> lists, String extra) {
		return "{\"lists\":" + JSON.writeValueAsString(lists) + ",\"content\":{"
				+ "\"de\":{\"subject\":\"Neues aus dem Rathaus\",\"body\":\"# Hallo\\n\\nDie **Bibliothek** öffnet. "
				+ "[Mehr](https://example.org/bibliothek)\"},"
				+ "\"en\":{\"subject\":\"News from the town hall\",\"body\":\"# Hello\\n\\nThe **library** opens.\"}}"
				+ extra + "}";
	}

	JsonNode create(String json) {
		HttpResponse<String> created = editor.postJson(BASE, json);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body());
	}

	JsonNode get(String id) {
		return JSON.readTree(editor.get(BASE + "/" + id).body());
	}

	JsonNode awaitState(String id, String state) {
		await().atMost(Duration.ofSeconds(30)).until(() -> get(id).path("state").asString().equals(state));
		return get(id);
	}

	static String text(MimeMessage message, String type) throws Exception {
		Multipart parts = (Multipart) message.getContent();
		for (int i = 0; i < parts.getCount(); i++) {
			if (parts.getBodyPart(i).isMimeType(type)) {
				return (String) parts.getBodyPart(i).getContent();
			}
		}
		throw new AssertionError("no " + type + " part");
	}

	@Test
	void reachesExactlyTheConfirmedUnrestrictedUnsuppressedOnesOnceEachInTheirLanguage() throws Exception {
		String anna = confirmed(confirmed(address("anna"), "digest", "de"), "bulletin", "de");
		String bert = confirmed(address("bert"), "bulletin", "en");
		String carl = address("carl-pending");
		assertThat(http.postJson("/api/newsletter/subscriptions",
				"{\"email\":\"" + carl + "\",\"consent\":true,\"list\":\"digest\"}").statusCode()).isEqualTo(202);
		String dora = confirmed(address("dora-unsubscribed"), "digest", "de");
		assertThat(editor.postJson("/api/admin/newsletter/unsubscriptions",
				"{\"email\":\"" + dora + "\",\"list\":\"digest\"}").statusCode()).isEqualTo(200);
		String rita = confirmed(address("rita-restricted"), "digest", "de");
		var restriction = new RestrictionRequested(new PrivacyRequestId(UUID.randomUUID().toString()),
				subjectRefs.of(rita), Instant.now());
		ledger.send(restriction);
		ledger.awaitAnswer(restriction.requestId());
		// unsubscribed from one list, still active on the other: gets the campaign through that one
		String sven = confirmed(confirmed(address("sven-left-one-list"), "digest", "de"), "bulletin", "de");
		assertThat(editor.postJson("/api/admin/newsletter/unsubscriptions",
				"{\"email\":\"" + sven + "\",\"list\":\"bulletin\"}").statusCode()).isEqualTo(200);
		int welcomeMails = 2;

		String id = create(campaignJson(List.of("digest", "bulletin"), ",\"rate\":50")).path("id").asString();
		HttpResponse<String> sent = editor.postJson(BASE + "/" + id + "/send", "");
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		JsonNode done = awaitState(id, "SENT");

		assertThat(done.path("progress").path("recipients").asLong()).isEqualTo(3);
		assertThat(done.path("progress").path("sent").asLong()).isEqualTo(3);
		assertThat(done.path("progress").path("remaining").asLong()).isZero();
		MimeMessage toAnna = inbox.awaitMessages(anna, 2 * welcomeMails + 1);
		MimeMessage toBert = inbox.awaitMessages(bert, welcomeMails + 1);
		assertThat(inbox.messagesTo(anna)).hasSize(2 * welcomeMails + 1);
		assertThat(inbox.messagesTo(bert)).hasSize(welcomeMails + 1);
		assertThat(inbox.messagesTo(carl)).hasSize(1); // the confirmation mail only
		assertThat(inbox.messagesTo(dora)).hasSize(welcomeMails);
		assertThat(inbox.messagesTo(rita)).hasSize(welcomeMails);
		assertThat(inbox.awaitMessages(sven, 2 * welcomeMails + 1).getSubject()).isEqualTo("Neues aus dem Rathaus");
		assertThat(inbox.messagesTo(sven)).hasSize(2 * welcomeMails + 1);

		assertThat(toAnna.getSubject()).isEqualTo("Neues aus dem Rathaus");
		assertThat(toBert.getSubject()).isEqualTo("News from the town hall");
		assertThat(toAnna.getContentType()).startsWith("multipart/alternative");
		assertThat(text(toAnna, "text/html")).contains("<strong>Bibliothek</strong>",
				"href=\"https://example.org/bibliothek\"", "Vom Newsletter abmelden", "Impressum");
		assertThat(text(toAnna, "text/plain")).contains("Die Bibliothek öffnet", "Vom Newsletter abmelden: http");
		assertThat(text(toBert, "text/plain")).contains("The library opens", "Unsubscribe from the newsletter");
		assertThat(toAnna.getMessageID()).matches("<[a-z2-7]{48}@formgate\\.localhost>");
		assertThat(toAnna.getHeader("Return-Path", null)).matches("<?bounces\\+[a-z2-7]{48}@formgate\\.localhost>?");
		assertThat(toAnna.getHeader("List-Id", null)).isEqualTo("\"Wochenüberblick\" <digest.formgate.localhost>");
		assertThat(toAnna.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		String listUnsubscribe = toAnna.getHeader("List-Unsubscribe", null);
		assertThat(listUnsubscribe).contains("<mailto:bounces@formgate.localhost?subject=unsubscribe%20");
		// DKIM-signed with the operator's key, over the one-click headers too, as the SMTP server received it
		var raw = new java.io.ByteArrayOutputStream();
		toAnna.writeTo(raw);
		assertThat(DkimVerifier.failure(raw.toByteArray(), TestDkimKey.KEY.getPublic())).isNull();
		assertThat(toAnna.getHeader("DKIM-Signature", null)).contains("d=formgate.localhost", "s=test",
				"list-unsubscribe:list-unsubscribe-post");

		// RFC 8058 one-click from the header ends both of Anna's subscriptions and counts for the campaign
		String oneClick = listUnsubscribe.replaceAll("^<([^>]+)>.*$", "$1");
		URI unsubscribe = URI.create(oneClick);
		assertThat(http.post(unsubscribe.getRawPath() + "?" + unsubscribe.getRawQuery(),
				"application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> get(id).path("progress").path("unsubscribed").asLong() == 1);

		// the events carry no address; CampaignSent has the counts
		try (EventLog events = new EventLog(brokers, Topics.NEWSLETTER_EVENTS)) {
			var records = events.awaitRecords(r -> EventLog.key(r).equals(id), 2);
			assertThat(records).extracting(r -> EventLog.header(r, "ce_type")).contains(
					"dev.formgate.newsletter.CampaignSendingStarted", "dev.formgate.newsletter.CampaignSent");
			assertThat(records).allSatisfy(r -> assertThat(EventLog.everything(r)).doesNotContain("@"));
		}
	}

	@Test
	void refusesBadInputWithAProblemAndChangesNothing() {
		long before = JSON.readTree(editor.get(BASE + "?size=1").body()).path("total").asLong();

		var script = editor.postJson(BASE, campaignJson(List.of("digest"), "").replace("# Hallo",
				"<script>alert(1)</script>"));
		assertThat(script.statusCode()).isEqualTo(400);
		assertThat(script.body()).contains("\"field\":\"content.de.body\"", "not-allowed").doesNotContain("alert");
		var image = editor.postJson(BASE, campaignJson(List.of("digest"), "").replace("# Hello",
				"![pixel](https://tracker.example.com/p.gif)"));
		assertThat(image.statusCode()).isEqualTo(400);
		assertThat(image.body()).contains("\"field\":\"content.en.body\"").doesNotContain("tracker");
		for (String rate : List.of("0", "-5")) {
			var bad = editor.postJson(BASE, campaignJson(List.of("digest"), ",\"rate\":" + rate));
			assertThat(bad.statusCode()).isEqualTo(400);
			assertThat(bad.body()).contains("\"field\":\"rate\"");
		}
		var unknown = editor.postJson(BASE, campaignJson(List.of("no-such-list"), ""));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("\"field\":\"lists\"").doesNotContain("no-such-list");
		assertThat(editor.postJson(BASE, "{\"lists\":[\"digest\"]}").body()).contains("\"field\":\"content.de\"");
		assertThat(JSON.readTree(editor.get(BASE + "?size=1").body()).path("total").asLong()).isEqualTo(before);
		assertThat(editor.get(BASE + "/nosuchcampaign").statusCode()).isEqualTo(404);
		assertThat(http.get(BASE, "Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT)).statusCode())
			.isEqualTo(403);
	}

	@Test
	void refusesAListNobodyIsConfirmedOnAndStartingTwiceAndEditingWhileItSends() {
		String empty = create(campaignJson(List.of("quarterly"), "")).path("id").asString();
		var nobody = editor.postJson(BASE + "/" + empty + "/send", "");
		assertThat(nobody.statusCode()).isEqualTo(409);
		assertThat(nobody.body()).contains("campaign-without-recipients");
		assertThat(get(empty).path("state").asString()).isEqualTo("DRAFT");

		// three recipients at one mail a second: it is still sending when it is cancelled
		for (String name : List.of("eve", "eve2", "eve3")) {
			confirmed(address(name), "gazette", "de");
		}
		String id = create(campaignJson(List.of("gazette"), ",\"rate\":1")).path("id").asString();
		assertThat(editor.postJson(BASE + "/" + id + "/send", "").statusCode()).isEqualTo(200);
		var twice = editor.postJson(BASE + "/" + id + "/send", "");
		assertThat(twice.statusCode()).isEqualTo(409);
		assertThat(twice.body()).contains("illegal-state-change");
		var edit = editor.send("PUT", BASE + "/" + id, campaignJson(List.of("gazette"), ""));
		assertThat(edit.statusCode()).isEqualTo(409);
		assertThat(edit.body()).contains("campaign-not-editable");
		assertThat(editor.send("PUT", BASE + "/" + id + "/pace", "{\"rate\":0}").statusCode()).isEqualTo(400);
		assertThat(editor.postJson(BASE + "/" + id + "/cancel", "").statusCode()).isEqualTo(200);
		assertThat(editor.postJson(BASE + "/" + id + "/resume", "").statusCode()).isEqualTo(409);
	}

	@Test
	void previewsInBothLanguagesSendsATestAndShowsTheSentCampaignInTheArchive() throws Exception {
		confirmed(address("fritz"), "gazette", "de");
		String id = create(campaignJson(List.of("gazette"), "")).path("id").asString();

		JsonNode preview = JSON.readTree(editor.get(BASE + "/" + id + "/preview?lang=en").body());
		assertThat(preview.path("subject").asString()).isEqualTo("News from the town hall");
		assertThat(preview.path("html").asString()).contains("<strong>library</strong>", "Unsubscribe");
		assertThat(preview.path("text").asString()).contains("The library opens");

		var test = editor.postJson(BASE + "/" + id + "/test", "{}");
		assertThat(test.body()).isEqualTo("{\"sent\":2}");
		MimeMessage testMail = inbox.awaitMessages("redaktion@example.org", 1);
		assertThat(testMail.getSubject()).startsWith("[Test] ");
		assertThat(editor.postJson(BASE + "/" + id + "/test", "{\"to\":[\"someone@example.org\"]}").statusCode())
			.isEqualTo(400);

		assertThat(http.get("/newsletter/archive/" + id).statusCode()).as("not yet sent").isEqualTo(404);
		editor.postJson(BASE + "/" + id + "/send", "");
		awaitState(id, "SENT");
		var page = http.get("/newsletter/archive/" + id + "?lang=de", "Accept", "text/html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Neues aus dem Rathaus", "<strong>Bibliothek</strong>")
			.doesNotContain("@example.org", "unsubscribe");
		assertThat(http.get("/newsletter/archive?lang=de").body()).contains("/newsletter/archive/" + id);
		editor.send("DELETE", BASE + "/" + id + "/archive", null);
		assertThat(http.get("/newsletter/archive/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void pausesAndResumesWithoutSendingAnyoneTwice() {
		List<String> readers = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			readers.add(confirmed(address("reader" + i), "circular", "de"));
		}
		// one mail a second: the pause comes while most are still to go
		String id = create(campaignJson(List.of("circular"), ",\"rate\":1,\"connections\":1")).path("id").asString();
		editor.postJson(BASE + "/" + id + "/send", "");
		await().atMost(Duration.ofSeconds(20)).until(() -> get(id).path("progress").path("sent").asLong() >= 1);
		var pause = editor.postJson(BASE + "/" + id + "/pause", "");
		assertThat(pause.statusCode()).as(pause.body()).isEqualTo(200);
		long sentWhenPaused = get(id).path("progress").path("sent").asLong();
		assertThat(sentWhenPaused).isLessThan(readers.size());

		var resume = editor.postJson(BASE + "/" + id + "/resume", "");
		assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
		awaitState(id, "SENT");
		assertThat(readers).allSatisfy(reader -> assertThat(inbox.messagesTo(reader)).hasSize(3));
	}
}
