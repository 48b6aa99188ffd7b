package dev.formgate.infra;

import dev.formgate.security.AdminRoles;
import dev.formgate.testing.ReturnedMails;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static dev.formgate.infra.DevInbox.header;
import static dev.formgate.infra.DevInbox.mailsWith;
import static dev.formgate.infra.DevInbox.subjectOf;
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
class CampaignAudienceBrowserIntegrationTests extends BrowserTests {

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
		String restriction = Staff.fileRequest(stack, Map.of("type", "RESTRICTION", "email", restricted,
				"receivedVia", "EMAIL", "note", "e2e"));
		await().atMost(Duration.ofSeconds(90)).until(() -> Staff.answeredBy(Staff.privacyRequest(stack, restriction),
				"newsletter-service"));

		// Suppressed: they reported an earlier campaign to "events" as spam; the feedback report reaches the bounce
		// mailbox, newsletter-service reads it, suppresses them and ends their subscription.
		String earlier = sendByApi(Map.of("de", Map.of("subject", "Vorab " + run, "body", "Vorab."), "en",
				Map.of("subject", "Ahead " + run, "body", "Ahead.")), List.of("events"));
		MimeMessage reported = await().atMost(Duration.ofSeconds(60))
			.until(() -> mailsWith(stack, suppressed, "Ahead " + run).stream().findFirst().orElse(null), m -> m != null);
		String token = reported.getMessageID().replaceAll("^<([^@]+)@.*$", "$1");
		deliverToBounceMailbox(ReturnedMails.feedbackReport(token, suppressed, "abuse"));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> campaign(earlier).path("progress").path("complained").asLong() == 1);

		// The editor writes the campaign to both lists in the console and sends it.
		String subject = "Ausgabe " + run;
		signIn(AdminRoles.NEWSLETTER_EDITOR);
		browser.get(stack.gatewayUrl() + "/console/newsletter/campaigns/new");
		awaitHeading("Neue Ausgabe schreiben");
		browser.findElement(By.id("de-subject")).sendKeys(subject);
		browser.findElement(By.id("de-body")).sendKeys("Hallo, das ist die Ausgabe " + run + ".");
		browser.findElement(By.id("en-subject")).sendKeys("Issue " + run);
		browser.findElement(By.id("en-body")).sendKeys("Hello, this is issue " + run + ".");
		browser.findElement(By.cssSelector("input[name=lists][value=news]")).click();
		browser.findElement(By.cssSelector("input[name=lists][value=events]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Entwurf speichern']")).click();
		awaitText("p.notice", "Der Entwurf ist gespeichert.");
		String page = browser.getCurrentUrl().replaceAll("\\?.*", "");
		String id = page.substring(page.lastIndexOf('/') + 1);
		assertThat(listsDd()).as("the lists by title, in the campaign's order").isIn("Neuigkeiten, Veranstaltungen",
				"Veranstaltungen, Neuigkeiten");
		accessible("console-70-campaign-two-lists");

		browser.findElement(By.xpath("//button[normalize-space()='Jetzt an die Listen senden']")).click();
		awaitText("p.notice", "Der Versand hat begonnen.");
		new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
			.until(d -> {
				d.navigate().refresh();
				return d.findElement(By.cssSelector("td[data-figure=state]")).getText().equals("Versandt");
			});
		assertThat(figure("failed")).isZero();
		assertThat(figure("remaining")).isZero();
		accessible("console-71-campaign-two-lists-sent");

		// Exactly the three, once each, in their language; nobody else of this run got it.
		Map<String, String> expected = Map.of(germanOnNews, subject, germanOnBoth, subject, englishOnEvents,
				"Issue " + run);
		Set<String> reached = new HashSet<>();
		for (String email : List.of(germanOnNews, englishOnEvents, germanOnBoth, pending, unsubscribed, restricted,
				suppressed)) {
			if (!mailsWith(stack, email, run).stream().filter(mail -> !subjectOf(mail).contains("Ahead " + run)
					&& !subjectOf(mail).contains("Vorab " + run)).toList().isEmpty()) {
				reached.add(email);
			}
		}
		assertThat(reached).containsExactlyInAnyOrderElementsOf(expected.keySet());
		for (var recipient : expected.entrySet()) {
			List<MimeMessage> mails = mailsWith(stack, recipient.getKey(), recipient.getValue());
			assertThat(mails).as(recipient.getKey()).hasSize(1);
			assertThat(subjectOf(mails.getFirst())).isEqualTo(recipient.getValue());
			assertThat(DevMailServer.text(mails.getFirst())).contains(recipient.getKey().equals(englishOnEvents)
					? "Unsubscribe from the newsletter" : "Vom Newsletter abmelden");
		}

		// The one-click unsubscribe of the mail to the person on both lists ends the subscription it came through,
		// and the campaign counts it.
		MimeMessage toBoth = mailsWith(stack, germanOnBoth, subject).getFirst();
		assertThat(toBoth.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(Visitor.oneClickUnsubscribe(toBoth).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> campaign(id).path("progress").path("unsubscribed").asLong() == 1);
		browser.navigate().refresh();
		assertThat(figure("unsubscribed")).isEqualTo(1);

		// The list of campaigns names the lists by title too.
		browser.get(stack.gatewayUrl() + "/console/newsletter/campaigns");
		awaitHeading("Newsletter-Ausgaben");
		assertThat(browser.findElement(By.xpath("//tr[td/a[normalize-space()='" + subject + "']]/td[3]")).getText())
			.isIn("Neuigkeiten, Veranstaltungen", "Veranstaltungen, Neuigkeiten");
		accessible("console-72-campaigns-list-titles");
		browser.findElement(By.xpath("//button[normalize-space()='English']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
		browser.get(stack.gatewayUrl() + "/console/newsletter/campaigns/" + id);
		awaitHeading(subject);
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
		return Staff.call(stack, AdminRoles.NEWSLETTER_EDITOR, method, path, json);
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
