package dev.formgate.infra;

import dev.formgate.security.AdminRoles;
import dev.formgate.testing.ReturnedMails;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static dev.formgate.infra.ConsoleBrowserIntegrationTests.subjectOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who a campaign reaches, end to end through the gateway and the console (issue 17's "tests that must exist"):
 * subscribers of two lists, German and English, confirmed, pending, unsubscribed, restricted (Art. 18, filed through
 * the erasure-service's ledger) and suppressed (after their complaint about an earlier campaign came back to the
 * bounce mailbox as an RFC 5965 report), one person on both lists. An editor signed in to the console writes a
 * campaign to both lists and sends it; exactly the confirmed, unrestricted, unsuppressed ones get it, once each, in
 * their language, and the one-click unsubscribe (RFC 8058) of a received mail ends that subscription. The campaign's
 * pages name the lists by their titles, and axe-core finds no violation on them.
 */
class CampaignAudienceBrowserIntegrationTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();

	static LocalStack stack;
	ChromeDriver browser;

	@BeforeAll
	static void start() throws Exception {
		Browsers.assumeInstalled(true);
		stack = SharedStack.get();
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aCampaignToTwoListsReachesExactlyTheConfirmedUnrestrictedUnsuppressedOnceEachInTheirLanguage()
			throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String germanOnNews = address(run, "news-de");
		String englishOnEvents = address(run, "events-en");
		String germanOnBoth = address(run, "both-de");
		String pending = address(run, "pending");
		String unsubscribed = address(run, "unsubscribed");
		String restricted = address(run, "restricted");
		String suppressed = address(run, "suppressed");

		Visitor.subscribeAndConfirm(stack, germanOnNews, "de", "news");
		Visitor.subscribeAndConfirm(stack, englishOnEvents, "en", "events");
		Visitor.subscribeAndConfirm(stack, germanOnBoth, "de", "news");
		Visitor.subscribeAndConfirm(stack, germanOnBoth, "de", "events");
		assertThat(Visitor.post(stack, "/api/newsletter/subscriptions", "application/json", "{\"email\":\"" + pending
				+ "\",\"consent\":true,\"language\":\"de\",\"list\":\"events\"}").statusCode()).isEqualTo(202);
		Visitor.subscribeAndConfirm(stack, unsubscribed, "en", "events");
		Visitor.subscribeAndConfirm(stack, restricted, "de", "news");
		Visitor.subscribeAndConfirm(stack, suppressed, "en", "events");

		// Unsubscribed with the one-click of their welcome mail.
		MimeMessage welcome = await().atMost(Duration.ofSeconds(30)).until(() -> stack.mailsTo(unsubscribed).stream()
			.filter(mail -> header(mail, "List-Unsubscribe") != null).findFirst().orElse(null), m -> m != null);
		assertThat(Visitor.oneClickUnsubscribe(welcome).statusCode()).isEqualTo(200);

		// Restricted (Art. 18) through the ledger: filed by the privacy officer, answered by newsletter-service.
		String restriction = fileRestriction(restricted);
		await().atMost(Duration.ofSeconds(90)).until(() -> answeredBy(restriction, "newsletter-service"));

		// Suppressed: they reported an earlier campaign to "events" as spam; the feedback report reaches the bounce
		// mailbox, newsletter-service reads it, suppresses them and ends their subscription.
		String earlier = sendByApi(Map.of("de", Map.of("subject", "Vorab " + run, "body", "Vorab."), "en",
				Map.of("subject", "Ahead " + run, "body", "Ahead.")), List.of("events"));
		MimeMessage reported = await().atMost(Duration.ofSeconds(60))
			.until(() -> mailsWith(suppressed, "Ahead " + run).stream().findFirst().orElse(null), m -> m != null);
		String token = reported.getMessageID().replaceAll("^<([^@]+)@.*$", "$1");
		deliverToBounceMailbox(ReturnedMails.feedbackReport(token, suppressed, "abuse"));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> campaign(earlier).path("progress").path("complained").asLong() == 1);

		// The editor writes the campaign to both lists in the console and sends it.
		String subject = "Ausgabe " + run;
		browser = DemoPageBrowserIntegrationTests.chromium(true);
		Browsers.signIn(browser, stack, AdminRoles.NEWSLETTER_EDITOR);
		browser.get(stack.gatewayUrl() + "/console/newsletter/campaigns/new");
		Browsers.awaitHeading(browser, "Neue Ausgabe schreiben");
		browser.findElement(By.id("de-subject")).sendKeys(subject);
		browser.findElement(By.id("de-body")).sendKeys("Hallo, das ist die Ausgabe " + run + ".");
		browser.findElement(By.id("en-subject")).sendKeys("Issue " + run);
		browser.findElement(By.id("en-body")).sendKeys("Hello, this is issue " + run + ".");
		browser.findElement(By.cssSelector("input[name=lists][value=news]")).click();
		browser.findElement(By.cssSelector("input[name=lists][value=events]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Entwurf speichern']")).click();
		Browsers.awaitText(browser, "p.notice", "Der Entwurf ist gespeichert.");
		String page = browser.getCurrentUrl().replaceAll("\\?.*", "");
		String id = page.substring(page.lastIndexOf('/') + 1);
		assertThat(listsDd()).as("the lists by title, in the campaign's order").isIn("Neuigkeiten, Veranstaltungen",
				"Veranstaltungen, Neuigkeiten");
		Browsers.accessible(browser, "console-70-campaign-two-lists");

		browser.findElement(By.xpath("//button[normalize-space()='Jetzt an die Listen senden']")).click();
		Browsers.awaitText(browser, "p.notice", "Der Versand hat begonnen.");
		new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
			.until(d -> {
				d.navigate().refresh();
				return d.findElement(By.cssSelector("td[data-figure=state]")).getText().equals("Versandt");
			});
		assertThat(figure("failed")).isZero();
		assertThat(figure("remaining")).isZero();
		Browsers.accessible(browser, "console-71-campaign-two-lists-sent");

		// Exactly the three, once each, in their language; nobody else of this run got it.
		Map<String, String> expected = Map.of(germanOnNews, subject, germanOnBoth, subject, englishOnEvents,
				"Issue " + run);
		Set<String> reached = new HashSet<>();
		for (String email : List.of(germanOnNews, englishOnEvents, germanOnBoth, pending, unsubscribed, restricted,
				suppressed)) {
			if (!mailsWith(email, run).stream().filter(mail -> !subjectOf(mail).contains("Ahead " + run)
					&& !subjectOf(mail).contains("Vorab " + run)).toList().isEmpty()) {
				reached.add(email);
			}
		}
		assertThat(reached).containsExactlyInAnyOrderElementsOf(expected.keySet());
		for (var recipient : expected.entrySet()) {
			List<MimeMessage> mails = mailsWith(recipient.getKey(), recipient.getValue());
			assertThat(mails).as(recipient.getKey()).hasSize(1);
			assertThat(subjectOf(mails.getFirst())).isEqualTo(recipient.getValue());
			assertThat(DevMailServer.text(mails.getFirst())).contains(recipient.getKey().equals(englishOnEvents)
					? "Unsubscribe from the newsletter" : "Vom Newsletter abmelden");
		}

		// The one-click unsubscribe of the mail to the person on both lists ends the subscription it came through,
		// and the campaign counts it.
		MimeMessage toBoth = mailsWith(germanOnBoth, subject).getFirst();
		assertThat(toBoth.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(Visitor.oneClickUnsubscribe(toBoth).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> campaign(id).path("progress").path("unsubscribed").asLong() == 1);
		browser.navigate().refresh();
		assertThat(figure("unsubscribed")).isEqualTo(1);

		// The list of campaigns names the lists by title too.
		browser.get(stack.gatewayUrl() + "/console/newsletter/campaigns");
		Browsers.awaitHeading(browser, "Newsletter-Ausgaben");
		assertThat(browser.findElement(By.xpath("//tr[td/a[normalize-space()='" + subject + "']]/td[3]")).getText())
			.isIn("Neuigkeiten, Veranstaltungen", "Veranstaltungen, Neuigkeiten");
		Browsers.accessible(browser, "console-72-campaigns-list-titles");
		browser.findElement(By.xpath("//button[normalize-space()='English']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
		browser.get(stack.gatewayUrl() + "/console/newsletter/campaigns/" + id);
		Browsers.awaitHeading(browser, subject);
		assertThat(listsDd()).isIn("News, Events", "Events, News");
	}

	private static String address(String run, String kind) {
		return "audience-" + run + "-" + kind + "@example.org";
	}

	/** What the campaign's page says under "Listen" / "Lists". */
	private String listsDd() {
		return browser.findElement(By.xpath("//dl[@class='facts']/dt[normalize-space()='Listen' or "
				+ "normalize-space()='Lists']/following-sibling::dd[1]")).getText();
	}

	private long figure(String name) {
		return Long.parseLong(browser.findElement(By.cssSelector("td[data-figure=" + name + "]")).getText());
	}

	/** The mails to {@code email} whose subject contains {@code marker}. */
	private static List<MimeMessage> mailsWith(String email, String marker) throws Exception {
		return stack.mailsTo(email).stream().filter(mail -> subjectOf(mail).contains(marker)).toList();
	}

	private static String header(MimeMessage mail, String name) {
		try {
			return mail.getHeader(name, null);
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Files an Art. 18 restriction for the address as the privacy officer; the request's id. */
	private static String fileRestriction(String email) throws Exception {
		var filed = PrivacyAdmin.call(stack, "POST", "/api/admin/privacy-requests", JSON.writeValueAsString(
				Map.of("type", "RESTRICTION", "email", email, "receivedVia", "EMAIL", "note", "e2e")));
		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
		return JSON.readTree(filed.body()).path("id").asString();
	}

	private static boolean answeredBy(String request, String store) throws Exception {
		JsonNode view = JSON.readTree(PrivacyAdmin.call(stack, "GET", "/api/admin/privacy-requests/" + request, null)
			.body());
		for (JsonNode status : view.path("stores")) {
			if (store.equals(status.path("store").asString()) && !status.path("outcome").isNull()
					&& !status.path("outcome").isMissingNode()) {
				return true;
			}
		}
		return false;
	}

	/** Writes a campaign over the editors' API and starts sending it; its id. */
	private static String sendByApi(Map<String, Object> content, List<String> lists) throws Exception {
		var created = editor("POST", "/api/admin/newsletter/campaigns",
				JSON.writeValueAsString(Map.of("content", content, "lists", lists, "rate", 100)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = JSON.readTree(created.body()).path("id").asString();
		var sent = editor("POST", "/api/admin/newsletter/campaigns/" + id + "/send", null);
		assertThat(sent.statusCode()).as(sent.body()).isBetween(200, 299);
		await().atMost(Duration.ofSeconds(60)).until(() -> campaign(id).path("state").asString().equals("SENT"));
		return id;
	}

	private static JsonNode campaign(String id) throws Exception {
		var answer = editor("GET", "/api/admin/newsletter/campaigns/" + id, null);
		assertThat(answer.statusCode()).isEqualTo(200);
		return JSON.readTree(answer.body());
	}

	private static HttpResponse<String> editor(String method, String path, String json) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).header("Authorization",
				"Bearer " + stack.adminToken(Duration.ofMinutes(5), AdminRoles.NEWSLETTER_EDITOR));
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		return HTTP.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Delivers a raw mail over SMTP to the bounce address, as a mailbox provider's report arrives. */
	private static void deliverToBounceMailbox(String raw) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(stack.smtpPort()));
		Session session = Session.getInstance(properties);
		MimeMessage report = new MimeMessage(session, new ByteArrayInputStream(
				raw.replaceAll("(?<!\r)\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
		Transport.send(report, new InternetAddress[] { new InternetAddress(DevMailServer.BOUNCE_ADDRESS) });
	}
}
