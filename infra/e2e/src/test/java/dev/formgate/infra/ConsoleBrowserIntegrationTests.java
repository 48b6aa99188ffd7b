package dev.formgate.infra;

import dev.formgate.security.AdminRoles;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.formgate.infra.DevInbox.mailsWith;
import static dev.formgate.infra.DevInbox.subjectOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staff in a real headless Chromium: sign in through the local identity provider as each role and do that role's
 * task end to end, meet the refusals (no role, another role's page, a forged form, a cookie replayed after logout),
 * and axe-core (tags wcag2a, wcag2aa, wcag21a, wcag21aa) finds no violation on any console page visited.
 */
class ConsoleBrowserIntegrationTests extends BrowserTests {

	@Test
	void contactAgentClosesAContactRequestAndSeesItInTheTrail() throws Exception {
		String subject = "Straßenlaterne defekt " + UUID.randomUUID();
		String id = contactRequest(subject);

		openBrowser();
		browser.get(stack.gatewayUrl() + "/console");
		awaitHeading("Anmelden / Sign in");
		accessible("console-00-sign-in-at-the-local-provider");
		login(AdminRoles.CONTACT_AGENT);
		assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");
		accessible("console-01-home-contact-agent");
		assertThat(browser.findElements(By.cssSelector("header nav a"))).extracting(e -> e.getText())
			.containsExactly("Kontaktanfragen");

		browser.findElement(By.linkText("Kontaktanfragen")).click();
		awaitHeading("Kontaktanfragen");
		accessible("console-02-contact-requests");

		browser.get(stack.gatewayUrl() + "/console/contact-requests/" + id);
		awaitHeading("Kontaktanfrage " + id);
		assertThat(browser.findElement(By.cssSelector("blockquote.message")).getText()).contains("Bitte reparieren");
		assertThat(browser.findElement(By.linkText("Im E-Mail-Programm antworten")).getDomAttribute("href"))
			.startsWith("mailto:browser-console-").contains("subject=Re%3A%20").contains(id);
		accessible("console-03-contact-request");

		browser.findElement(By.xpath("//button[normalize-space()='Schließen']")).click();
		awaitText("p.notice", "Der Status wurde geändert.");
		assertThat(browser.findElement(By.cssSelector("dl.facts dd")).getText()).contains("Geschlossen");
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("contact-agent").contains("Status geändert").contains("CLOSED").contains("erledigt");
		accessible("console-04-contact-request-closed");
	}

	@Test
	void privacyOfficerFilesAnErasureAndReadsItsReceipt() throws Exception {
		signIn(AdminRoles.PRIVACY_ADMIN);
		browser.findElement(By.linkText("Betroffenenanfragen")).click();
		awaitHeading("Betroffenenanfragen");
		accessible("console-30-privacy-requests");
		browser.findElement(By.linkText("Anfrage erfassen")).click();
		awaitHeading("Anfrage erfassen");
		accessible("console-31-privacy-request-new");

		// First without an address: the page names the field, keeps the choice, and nothing is filed.
		new Select(browser.findElement(By.id("type"))).selectByValue("ERASURE");
		new Select(browser.findElement(By.id("receivedVia"))).selectByValue("LETTER");
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		awaitText("#email-error", "Bitte füllen Sie dieses Feld aus.");
		assertThat(browser.findElement(By.id("email")).getDomAttribute("aria-describedby")).isEqualTo("email-error");
		accessible("console-32-privacy-request-invalid");

		browser.findElement(By.id("email")).sendKeys("erasure-" + UUID.randomUUID() + "@example.org");
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		awaitText("p.notice", "Die Anfrage wurde erfasst.");
		String id = browser.getCurrentUrl().replaceAll(".*/privacy-requests/([^?]+).*", "$1");
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("privacy-admin").contains("Anfrage erfasst").contains("ERASURE");
		accessible("console-33-privacy-request");
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
			browser.navigate().refresh();
			return browser.findElement(By.cssSelector("dl.facts")).getText().contains("Erledigt");
		});
		browser.findElement(By.linkText("Quittung anzeigen")).click();
		awaitHeading("Quittung zur Anfrage " + id);
		String receipt = browser.findElement(By.tagName("main")).getText();
		assertThat(receipt).contains("Löschung (Art. 17)").contains("Brief").contains("newsletter-service")
			.doesNotContain("@");
		accessible("console-34-receipt");

		browser.get(stack.gatewayUrl() + "/console/record-of-processing");
		awaitHeading("Verzeichnis der Verarbeitungstätigkeiten");
		accessible("console-35-record-of-processing");
		browser.get(stack.gatewayUrl() + "/console/activity");
		awaitHeading("Aktivität");
		assertThat(browser.findElements(By.cssSelector("figure.chart svg"))).hasSize(4);
		assertThat(browser.findElements(By.cssSelector("table tbody td.number"))).isNotEmpty()
			.allSatisfy(cell -> assertThat(cell.getText()).matches("\\d+"));
		accessible("console-36-activity");
		String cookie = "formgate-console=" + browser.manage().getCookieNamed("formgate-console").getValue();
		var csv = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/console/activity/csv"))
			.header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
		assertThat(csv.body()).startsWith("date,consentsRequested,consentsConfirmed,").doesNotContain("@");
		assertThat(csv.body().lines().skip(1)).isNotEmpty().allMatch(line -> line.matches("\\d{4}-\\d{2}-\\d{2}(,\\d+){12}"));
		browser.get(stack.gatewayUrl() + "/console/dead-letters");
		awaitHeading("Nicht zugestellte Ereignisse");
		accessible("console-37-dead-letters");
	}

	@Test
	void privacyOfficerReplaysADeadLetterOnceFromTheConsole() throws Exception {
		String eventId = UUID.randomUUID().toString();
		try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			var record = new ProducerRecord<>("newsletter.events", "poison".getBytes(StandardCharsets.UTF_8),
					"{\"occurredAt\": not json}".getBytes(StandardCharsets.UTF_8));
			record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8))
				.add("ce_type", "dev.formgate.newsletter.SubscriptionRequested".getBytes(StandardCharsets.UTF_8))
				.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
		// A test before this one may have restarted a service: its route answers 503 until the breaker closes again.
		JsonNode letter = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
			.until(() -> deadLetter(eventId), l -> l != null);
		String action = "/console/dead-letters/privacy/" + letter.path("topic").asString() + "/"
				+ letter.path("partition").asInt() + "/" + letter.path("offset").asLong() + "/replay";

		signIn(AdminRoles.PRIVACY_ADMIN);
		browser.get(stack.gatewayUrl() + "/console/dead-letters");
		awaitHeading("Nicht zugestellte Ereignisse");
		accessible("console-38-dead-letters-listed");
		browser.findElement(By.cssSelector("form[action='" + action + "'] button")).click();
		awaitText("p.notice", "Das Ereignis wurde erneut gesendet.");
		assertThat(browser.findElements(By.cssSelector("form[action='" + action + "']"))).as("replayed once").isEmpty();
		accessible("console-39-dead-letter-replayed");
		assertThat(deadLetter(eventId).path("replayedAt").isNull()).isFalse();

		// The form posted a second time (a double click, a reload) replays nothing again: still the first time.
		String replayedAt = deadLetter(eventId).path("replayedAt").asString();
		String cookie = "formgate-console=" + browser.manage().getCookieNamed("formgate-console").getValue();
		String csrf = browser.findElement(By.name("_csrf")).getDomAttribute("value");
		assertThat(post(action, "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8), cookie).statusCode())
			.isEqualTo(303);
		assertThat(deadLetter(eventId).path("replayedAt").asString()).isEqualTo(replayedAt);
	}

	/** The dead letter (the first, by offset) of this event id in erasure-service's list, or null. */
	private static JsonNode deadLetter(String eventId) throws Exception {
		var answer = Staff.privacyAdmin(stack, "GET", "/api/admin/privacy/dead-letters", null);
		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode first = null;
		for (JsonNode item : JSON.readTree(answer.body()).path("items")) {
			if (eventId.equals(item.path("eventId").asString())
					&& (first == null || item.path("offset").asLong() < first.path("offset").asLong())) {
				first = item;
			}
		}
		return first;
	}

	@Test
	void privacyOfficerDownloadsAnAccessExportAndTheTrailSaysSo() throws Exception {
		signIn(AdminRoles.PRIVACY_ADMIN);
		browser.get(stack.gatewayUrl() + "/console/privacy-requests/new");
		new Select(browser.findElement(By.id("type"))).selectByValue("ACCESS");
		new Select(browser.findElement(By.id("receivedVia"))).selectByValue("EMAIL");
		browser.findElement(By.id("email")).sendKeys("access-" + UUID.randomUUID() + "@example.org");
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		awaitText("p.notice", "Die Anfrage wurde erfasst.");
		String page = browser.getCurrentUrl().replaceAll("\\?.*", "");
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
			browser.get(page);
			return !browser.findElements(By.linkText("Auskunftsdaten herunterladen")).isEmpty();
		});
		String cookie = "formgate-console=" + browser.manage().getCookieNamed("formgate-console").getValue();
		var export = HTTP.send(HttpRequest.newBuilder(URI.create(page + "/export")).header("Cookie", cookie).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				d -> assertThat(d).startsWith("attachment; filename=\"access-export-"));
		assertThat(export.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
		assertThat(export.body()).startsWith("{").contains("\"requestId\":\"" + page.substring(page.lastIndexOf('/') + 1) + "\"");
		browser.get(page);
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("Anfrage erfasst").contains("Auskunftsdaten heruntergeladen");
		accessible("console-38-access-request");
	}

	@Test
	void newsletterEditorSignsSomeoneUpOnTheirBehalfInEnglish() throws Exception {
		String email = "on-behalf-" + UUID.randomUUID() + "@example.org";
		signIn(AdminRoles.NEWSLETTER_EDITOR);
		browser.findElement(By.xpath("//button[normalize-space()='English']")).click();
		awaitHeading("Overview");
		assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		browser.findElement(By.linkText("Newsletter")).click();
		awaitHeading("Newsletter");
		accessible("console-40-newsletter-en");
		long pending = pendingNews();

		browser.findElement(By.id("signup-email")).sendKeys(email);
		new Select(browser.findElement(By.id("signup-list"))).selectByValue("news");
		browser.findElement(By.xpath("//button[normalize-space()='Send the confirmation mail']")).click();
		awaitText("p.notice", "The person has been sent a mail to confirm");
		assertThat(pendingNews()).isEqualTo(pending + 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> !stack.mailsTo(email).isEmpty());
		accessible("console-41-newsletter-signed-up");

		browser.findElement(By.id("unsubscribe-email")).sendKeys(email);
		browser.findElement(By.xpath("//button[normalize-space()='Unsubscribe']")).click();
		awaitText("p.notice", "The unsubscription is done.");
		browser.findElement(By.id("signup-email")).sendKeys(email);
		browser.findElement(By.xpath("//button[normalize-space()='Send the confirmation mail']")).click();
		awaitText("#signup-email-error", "Only their own sign-up brings them back.");
		accessible("console-42-newsletter-suppressed");
	}

	/**
	 * The issue's "done when": an editor writes a campaign (a script in the body, no list and a rate of zero are named
	 * at their fields first), previews it in both languages, sends a test to the staff address, sends it to a list with
	 * confirmed subscribers and watches it finish; each confirmed subscriber's mail in the dev inbox has the
	 * unsubscribe footer and the one-click headers, in their language, once; a pending sign-up gets none.
	 */
	@Test
	void newsletterEditorWritesPreviewsTestsAndSendsACampaignAndWatchesItFinish() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<String> german = List.of("campaign-" + run + "-1@example.org", "campaign-" + run + "-2@example.org");
		String english = "campaign-" + run + "-en@example.org";
		for (String email : german) {
			Visitor.subscribeAndConfirm(stack, email, "de");
		}
		Visitor.subscribeAndConfirm(stack, english, "en");
		String pending = "campaign-" + run + "-pending@example.org";
		assertThat(Visitor.signUp(stack, pending, "de").statusCode()).isEqualTo(202);
		String subject = "Dezember-Ausgabe " + run;

		signIn(AdminRoles.NEWSLETTER_EDITOR);
		browser.findElement(By.linkText("Newsletter")).click();
		awaitHeading("Newsletter");
		browser.findElement(By.linkText("Newsletter-Ausgaben")).click();
		awaitHeading("Newsletter-Ausgaben");
		accessible("console-50-campaigns");
		browser.findElement(By.linkText("Neue Ausgabe schreiben")).click();
		awaitHeading("Neue Ausgabe schreiben");
		accessible("console-51-campaign-new");

		// A script in the body, no list, a rate of zero: each named at its field, nothing stored.
		long campaigns = campaignCount();
		browser.findElement(By.id("de-subject")).sendKeys(subject);
		browser.findElement(By.id("de-body")).sendKeys("Hallo <script>alert(1)</script>");
		browser.findElement(By.id("rate")).sendKeys("0");
		browser.findElement(By.xpath("//button[normalize-space()='Entwurf speichern']")).click();
		awaitText("#de-body-error", "was ein Newsletter nicht enthalten darf");
		awaitText("#lists-error", "mindestens eine Liste");
		awaitText("#rate-error", "ganze Zahl ab 1");
		assertThat(browser.findElement(By.id("de-body")).getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.findElement(By.id("de-subject")).getDomProperty("value")).isEqualTo(subject);
		assertThat(campaignCount()).isEqualTo(campaigns);
		accessible("console-52-campaign-invalid");

		browser.findElement(By.id("de-body")).clear();
		browser.findElement(By.id("de-body")).sendKeys("## Neuigkeiten\n\nHallo **alle**, das ist die Ausgabe " + run + ".");
		browser.findElement(By.id("en-subject")).sendKeys("December issue " + run);
		browser.findElement(By.id("en-body")).sendKeys("## News\n\nHello **everyone**, this is issue " + run + ".");
		// One mail a second: slow enough to pause it on the way.
		browser.findElement(By.id("rate")).clear();
		browser.findElement(By.id("rate")).sendKeys("1");
		browser.findElement(By.cssSelector("input[name=lists][value=news]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Entwurf speichern']")).click();
		awaitText("p.notice", "Der Entwurf ist gespeichert.");
		awaitHeading(subject);
		String page = browser.getCurrentUrl().replaceAll("\\?.*", "");
		assertThat(page).startsWith(stack.gatewayUrl() + "/console/newsletter/campaigns/");

		// The preview in both languages: the service's sanitised HTML in sandboxed frames with a policy of their own.
		var frames = browser.findElements(By.cssSelector(".preview iframe"));
		assertThat(frames).hasSize(2).allSatisfy(frame -> assertThat(frame.getDomAttribute("sandbox")).isEmpty());
		browser.switchTo().frame(frames.get(1));
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("Hello everyone, this is issue " + run)
			.contains("Unsubscribe from the newsletter").contains("Imprint");
		browser.switchTo().defaultContent();
		assertThat(browser.findElement(By.cssSelector(".preview pre")).getDomProperty("textContent"))
			.contains("Hallo alle").contains("Vom Newsletter abmelden");
		String cookie = "formgate-console=" + browser.manage().getCookieNamed("formgate-console").getValue();
		var framed = HTTP.send(HttpRequest.newBuilder(URI.create(page + "/preview/de")).header("Cookie", cookie).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(framed.statusCode()).isEqualTo(200);
		assertThat(framed.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
			.contains("default-src 'none'").contains("sandbox").contains("frame-ancestors 'self'")
			.doesNotContain("script-src"));
		assertThat(framed.body()).contains("<strong>alle</strong>").doesNotContainIgnoringCase("<script");
		accessible("console-53-campaign-draft");

		// A test to the staff's test address; any other address is refused and gets nothing.
		browser.findElement(By.xpath("//button[normalize-space()='Testmail senden']")).click();
		awaitText("p.notice", "Die Testmail ist versandt.");
		await().atMost(Duration.ofSeconds(30)).until(() -> stack.mailsTo("redaktion@formgate.localhost").stream()
			.anyMatch(mail -> subjectOf(mail).equals("[Test] " + subject)));
		browser.findElement(By.id("test-to")).sendKeys(pending);
		browser.findElement(By.xpath("//button[normalize-space()='Testmail senden']")).click();
		awaitText("p.error", "Testmails gehen nur an die im Betrieb eingetragenen Test-Adressen.");
		accessible("console-54-campaign-test-refused");

		// Send now, pause, a faster pace (zero is refused), resume; then watch: the page follows the progress by
		// itself (its refresh link does without JavaScript).
		browser.findElement(By.xpath("//button[normalize-space()='Jetzt an die Listen senden']")).click();
		awaitText("p.notice", "Der Versand hat begonnen.");
		assertThat(browser.findElement(By.linkText("Aktualisieren")).getDomAttribute("href"))
			.isEqualTo(page.substring(stack.gatewayUrl().length()));
		browser.findElement(By.xpath("//button[normalize-space()='Versand anhalten']")).click();
		awaitText("p.notice", "Der Versand ist angehalten");
		assertThat(browser.findElement(By.cssSelector("td[data-figure=state]")).getText()).isEqualTo("Angehalten");
		accessible("console-55-campaign-paused");
		browser.findElement(By.id("pace-rate")).clear();
		browser.findElement(By.id("pace-rate")).sendKeys("0");
		browser.findElement(By.xpath("//button[normalize-space()='Tempo ändern']")).click();
		awaitText("p.error", "ganze Zahlen ab 1");
		browser.findElement(By.id("pace-rate")).clear();
		browser.findElement(By.id("pace-rate")).sendKeys("100");
		browser.findElement(By.xpath("//button[normalize-space()='Tempo ändern']")).click();
		awaitText("p.notice", "Das neue Versandtempo gilt");
		browser.findElement(By.xpath("//button[normalize-space()='Versand fortsetzen']")).click();
		awaitText("p.notice", "Der Versand geht weiter");
		new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElement(By.cssSelector("td[data-figure=state]")).getText().equals("Versandt"));
		assertThat(Long.parseLong(browser.findElement(By.cssSelector("td[data-figure=sent]")).getText()))
			.isGreaterThanOrEqualTo(3);
		assertThat(browser.findElement(By.cssSelector("td[data-figure=remaining]")).getText()).isEqualTo("0");
		assertThat(browser.findElement(By.cssSelector("td[data-figure=failed]")).getText()).isEqualTo("0");
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("newsletter-editor").contains("Ausgabe angelegt").contains("Testmail versandt")
			.contains("Versand gestartet").contains("Versand angehalten").contains("Versandtempo geändert")
			.contains("Versand fortgesetzt");
		accessible("console-56-campaign-sent");

		// In the public archive once sent; the editor takes it out again.
		String id = page.substring(page.lastIndexOf('/') + 1);
		String archived = browser.findElement(By.linkText("im öffentlichen Archiv")).getDomAttribute("href");
		assertThat(archived).startsWith("/newsletter/archive/" + id);
		assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + archived)).build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains(subject).doesNotContain(german.getFirst());
		browser.findElement(By.xpath("//button[normalize-space()='Aus dem Archiv nehmen']")).click();
		awaitText("p.notice", "nicht mehr im öffentlichen Archiv");
		assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("wird nicht gezeigt");
		assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + archived)).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

		// Starting it twice: a readable refusal on the page, nothing sent again.
		String csrf = browser.findElement(By.name("_csrf")).getDomAttribute("value");
		var again = post(page.substring(stack.gatewayUrl().length()) + "/send",
				"_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8), cookie);
		assertThat(again.statusCode()).isEqualTo(303);
		browser.get(stack.gatewayUrl() + again.headers().firstValue("Location").orElseThrow());
		awaitText("p.error", "im jetzigen Status der Ausgabe nicht möglich");
		accessible("console-57-campaign-started-twice");

		// The dev inbox: each confirmed subscriber got it once, in their language, with the footer and the headers.
		Map<String, String> subjects = Map.of(german.get(0), subject, german.get(1), subject, english,
				"December issue " + run);
		await().atMost(Duration.ofSeconds(30)).until(() -> subjects.keySet().stream()
			.allMatch(email -> !mailsWith(stack, email, run).isEmpty()));
		for (var expected : subjects.entrySet()) {
			List<MimeMessage> mails = mailsWith(stack, expected.getKey(), run);
			assertThat(mails).as(expected.getKey()).hasSize(1);
			MimeMessage mail = mails.getFirst();
			assertThat(subjectOf(mail)).isEqualTo(expected.getValue());
			assertThat(mail.getHeader("List-Unsubscribe", null)).contains("/newsletter/unsubscribe?").contains("<mailto:");
			assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
			assertThat(DevMailServer.text(mail)).contains(expected.getKey().equals(english)
					? "Unsubscribe from the newsletter" : "Vom Newsletter abmelden");
		}
		assertThat(mailsWith(stack, pending, run)).as("a pending sign-up gets no campaign").isEmpty();
		browser.get("http://localhost:" + SharedStack.ports().inbox() + "/");
		assertThat(browser.findElement(By.tagName("body")).getText()).contains(subject).contains(german.getFirst());
	}

	/**
	 * In English: a step the campaign's state does not allow, a time in the past, scheduling, cancelling, and a
	 * cancelled campaign's edit page and form: each a readable message on the page, nothing changed by a refusal.
	 */
	@Test
	void newsletterEditorSchedulesAndCancelsACampaignAndMeetsTheRefusalsInEnglish() throws Exception {
		String subject = "Ankündigung " + UUID.randomUUID().toString().substring(0, 8);
		// Someone confirmed on the list: a campaign to nobody could not be scheduled (409 campaign-without-recipients).
		Visitor.subscribeAndConfirm(stack, "campaign-scheduled-" + UUID.randomUUID() + "@example.org", "en");
		signIn(AdminRoles.NEWSLETTER_EDITOR);
		browser.findElement(By.xpath("//button[normalize-space()='English']")).click();
		awaitHeading("Overview");
		browser.get(stack.gatewayUrl() + "/console/newsletter/campaigns/new");
		awaitHeading("Write a new campaign");
		browser.findElement(By.id("de-subject")).sendKeys(subject);
		browser.findElement(By.id("de-body")).sendKeys("Bald mehr.");
		browser.findElement(By.cssSelector("input[name=lists][value=news]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Save the draft']")).click();
		awaitText("p.notice", "The draft is saved.");
		String page = browser.getCurrentUrl().replaceAll("\\?.*", "").substring(stack.gatewayUrl().length());
		assertThat(browser.findElements(By.cssSelector(".preview iframe"))).hasSize(1);
		accessible("console-60-campaign-draft-en");

		String cookie = "formgate-console=" + browser.manage().getCookieNamed("formgate-console").getValue();
		String csrf = "_csrf=" + URLEncoder.encode(browser.findElement(By.name("_csrf")).getDomAttribute("value"),
				StandardCharsets.UTF_8);
		long campaigns = campaignCount();
		var unknownList = post("/console/newsletter/campaigns", csrf + "&de.subject=X&de.body=Y&lists=no-such-list",
				cookie);
		assertThat(unknownList.statusCode()).isEqualTo(400);
		assertThat(unknownList.body()).contains("Diese Liste gibt es nicht (mehr).").doesNotContain("no-such-list");
		assertThat(campaignCount()).isEqualTo(campaigns);
		var pause = post(page + "/pause", csrf, cookie);
		assertThat(pause.statusCode()).isEqualTo(303);
		browser.get(stack.gatewayUrl() + pause.headers().firstValue("Location").orElseThrow());
		awaitText("p.error", "This step is not possible in the campaign's present state");

		var at = browser.findElement(By.id("schedule-at"));
		browser.executeScript("arguments[0].value = arguments[1]", at, "2020-01-01T08:00");
		browser.findElement(By.xpath("//button[normalize-space()='Schedule sending']")).click();
		awaitText("p.error", "Please give a time in the future.");
		String tomorrow = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(1)
			.withSecond(0).withNano(0).toString();
		browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("schedule-at")), tomorrow);
		browser.findElement(By.xpath("//button[normalize-space()='Schedule sending']")).click();
		awaitText("p.notice", "Sending is scheduled.");
		assertThat(browser.findElement(By.cssSelector("td[data-figure=state]")).getText()).isEqualTo("Scheduled");
		assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("Scheduled for");
		accessible("console-61-campaign-scheduled-en");

		browser.findElement(By.xpath("//button[normalize-space()='Cancel the campaign']")).click();
		awaitText("p.notice", "The campaign is cancelled");
		assertThat(browser.findElement(By.cssSelector("td[data-figure=state]")).getText()).isEqualTo("Cancelled");
		assertThat(browser.findElements(By.linkText("Edit the campaign"))).isEmpty();
		browser.get(stack.gatewayUrl() + page + "/edit");
		awaitText("p.error", "This campaign can no longer be changed");
		var edited = post(page, csrf + "&de.subject=Neu&de.body=Neu&lists=news", cookie);
		assertThat(edited.statusCode()).isEqualTo(303);
		assertThat(edited.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
			.endsWith("?error=campaign-not-editable"));
		browser.get(stack.gatewayUrl() + page);
		awaitHeading(subject);
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("Campaign created").contains("Sending paused").contains("refused (409)")
			.contains("Sending scheduled").contains("Campaign cancelled").contains("Campaign changed");
		accessible("console-62-campaign-cancelled-en");
	}

	/** How many campaigns there are, as the API counts them. */
	private static long campaignCount() throws Exception {
		var answer = Staff.call(stack, AdminRoles.NEWSLETTER_EDITOR, "GET", "/api/admin/newsletter/campaigns", null);
		assertThat(answer.statusCode()).isEqualTo(200);
		return JSON.readTree(answer.body()).path("total").asLong();
	}

	@Test
	void aSessionHoldsOnEveryGatewayInstance() throws Exception {
		signIn(AdminRoles.CONTACT_AGENT);
		String cookie = "formgate-console=" + browser.manage().getCookieNamed("formgate-console").getValue();
		String second = stack.startSecondGateway(SharedStack.freePort());
		var page = HTTP.send(HttpRequest.newBuilder(URI.create(second + "/console/contact-requests"))
			.header("Cookie", cookie).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>Kontaktanfragen</h1>");
	}

	@Test
	void aPersonWithoutARoleIsRefusedAndAnotherRolesPageIsRefused() throws Exception {
		signIn(DemoStaff.NO_ROLE);
		awaitHeading("Keine Rolle zugewiesen");
		accessible("console-10-no-role");
		browser.get(stack.gatewayUrl() + "/console/contact-requests");
		awaitHeading("Keine Berechtigung");

		// A fresh browser: no session at the gateway nor at the provider.
		signIn(AdminRoles.NEWSLETTER_EDITOR);
		browser.get(stack.gatewayUrl() + "/console/privacy-requests");
		awaitHeading("Keine Berechtigung");
		accessible("console-11-forbidden");
	}

	@Test
	void aForgedFormChangesNothingAndTheCookieIsWorthlessAfterLogout() throws Exception {
		String id = contactRequest("Formular gefälscht " + UUID.randomUUID());
		signIn(AdminRoles.CONTACT_AGENT);
		Cookie session = browser.manage().getCookieNamed("formgate-console");
		assertThat(session).isNotNull();
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Lax");

		String cookie = "formgate-console=" + session.getValue();
		for (String form : List.of("state=CLOSED", "state=CLOSED&_csrf=forged-token")) {
			var forged = post("/console/contact-requests/" + id + "/state", form, cookie);
			assertThat(forged.statusCode()).as(form).isEqualTo(403);
			assertThat(forged.body()).contains("Es wurde nichts geändert");
		}
		// A valid form token does not open another role's action, whatever the form claims.
		String csrf = browser.findElement(By.name("_csrf")).getDomAttribute("value");
		var escalation = post("/console/privacy-requests", "type=ERASURE&email=x%40example.org&receivedVia=EMAIL"
				+ "&roles=privacy-admin&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8), cookie);
		assertThat(escalation.statusCode()).isEqualTo(403);
		assertThat(escalation.body()).contains("Keine Berechtigung");
		browser.get(stack.gatewayUrl() + "/console/contact-requests/" + id);
		assertThat(browser.findElement(By.cssSelector("dl.facts dd")).getText()).contains("Eingegangen");

		browser.findElement(By.xpath("//button[normalize-space()='Abmelden']")).click();
		awaitHeading("Sie sind abgemeldet");
		accessible("console-20-signed-out");
		var replayed = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/console/contact-requests/" + id))
			.header("Cookie", cookie).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(replayed.statusCode()).isEqualTo(302);
		assertThat(replayed.headers().firstValue("Location")).hasValue("/oauth2/authorization/formgate");
		// The provider's session ended too: the console sends the person to its sign-in form again.
		browser.get(stack.gatewayUrl() + "/console");
		awaitHeading("Anmelden / Sign in");
	}

	@Test
	void signInReturnsOnlyToConsolePagesOfThisOrigin() throws Exception {
		openBrowser();
		browser.get(stack.gatewayUrl() + "/console/contact-requests?state=RECEIVED");
		login(AdminRoles.CONTACT_AGENT);
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains("/console/contact-requests"));
		assertThat(browser.getCurrentUrl()).isEqualTo(stack.gatewayUrl() + "/console/contact-requests?state=RECEIVED");
	}

	/** The pending count of the list "news" in the newsletter page's table. */
	private long pendingNews() {
		browser.navigate().refresh();
		return Long.parseLong(browser.findElement(
				By.xpath("//tbody/tr[th[normalize-space()='News' or normalize-space()='Neuigkeiten']]/td[1]")).getText());
	}

	/** Sends the contact form as a visitor would and returns the request's id from the staff mail. */
	private static String contactRequest(String subject) throws Exception {
		String email = "browser-console-" + UUID.randomUUID() + "@example.org";
		String body = String.join("&", Map.of("topic", "buergerservice", "name", "Erika Mustermann", "email", email,
				"subject", subject, "message", "Bitte reparieren Sie die Laterne.", "privacy", "on", "altcha",
				ProofOfWork.solved(stack, "contact")).entrySet().stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
		var sent = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/contact"))
			.header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", "198.51.100.41")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> staffMail(subject) != null);
		return staffMail(subject).getHeader("X-Formgate-Request-Id", null);
	}

	private static MimeMessage staffMail(String subject) throws Exception {
		for (MimeMessage mail : stack.mailsTo("buergerservice@formgate.localhost")) {
			if (mail.getSubject() != null && mail.getSubject().contains(subject)) {
				return mail;
			}
		}
		return null;
	}

	private static HttpResponse<String> post(String path, String form, String cookie) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
	}
}
