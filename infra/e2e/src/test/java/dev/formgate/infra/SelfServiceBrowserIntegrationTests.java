package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Meine Daten" as a person uses it, in a real headless Chromium on the whole local stack: a subscriber who also sent
 * a contact request and a comment asks for a copy of their data from the demo page's link, confirms through the dev inbox, reads
 * and downloads an export that holds every answering store's data and nothing of another person; then asks for
 * erasure (held for the privacy officer, since a store keeps legal holds), and afterwards a black-box scan of every
 * database, topic and log finds nothing of them. An address Formgate knows nothing about sees the same pages and
 * mails. Screenshots land in {@code infra/e2e/target/screenshots}.
 */
class SelfServiceBrowserIntegrationTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();
	static final AtomicInteger CLIENTS = new AtomicInteger();

	static ChromeDriver browser;
	static LocalStack stack;
	static MongoClient mongo;

	@BeforeAll
	static void openBrowser() throws IOException {
		Browsers.assumeInstalled(true);
		stack = SharedStack.get();
		mongo = MongoClients.create(stack.mongoUri(""));
		browser = DemoPageBrowserIntegrationTests.chromium(true);
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
		if (mongo != null) {
			mongo.close();
		}
	}

	/** What a person saw of one request before its result: the form's answer, the mail, the page the link opens. */
	record Seen(String answerPage, String mail, String confirmPage) {
	}

	@Test
	void aSubscriberGetsACopyThenErasesEverythingAndAnUnknownAddressSeesTheSame() throws Exception {
		Person person = Person.fresh("myself");
		Person other = Person.fresh("someone-else");
		for (Person p : List.of(person, other)) {
			subscribeAndConfirm(p.email());
			sendContactRequest(p);
			postComment(p);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> BlackBoxScan.everyDatabase(mongo)
			.contains(person.message().toLowerCase(Locale.ROOT)));

		// A copy of my data, from the demo page's link
		browser.get(stack.gatewayUrl() + "/");
		browser.findElement(By.linkText("Meine Daten")).click();
		Browsers.awaitHeading(browser, "Meine Daten");
		Browsers.accessible(browser, "s01-meine-daten");
		Seen known = ask(person.email(), "ACCESS", "s02");
		browser.findElement(By.cssSelector("main button[type=submit]")).click();
		awaitHeadingStarting("Ihr Antrag: eine Kopie Ihrer Daten");
		awaitState("Ihr Antrag ist erledigt");
		Browsers.accessible(browser, "s05-access-done");
		String jsonHref = browser.findElement(By.linkText("Daten als JSON herunterladen")).getDomAttribute("href");
		browser.findElement(By.linkText("Daten lesen")).click();
		Browsers.awaitHeading(browser, "Ihre Daten");
		Browsers.accessible(browser, "s06-export-page");
		String page = browser.findElement(By.tagName("main")).getText().toLowerCase(Locale.ROOT);
		person.traces().forEach(trace -> assertThat(page).contains(trace));
		other.traces().forEach(trace -> assertThat(page).doesNotContain(trace));

		HttpResponse<String> download = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + jsonHref))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
		JsonNode export = JSON.readTree(download.body());
		List<String> exported = new ArrayList<>();
		export.get("stores").forEach(store -> exported.add(store.get("store").asString()));
		assertThat(exported).as("every store that answers requests").containsExactlyInAnyOrderElementsOf(answeringStores());
		String json = download.body().toLowerCase(Locale.ROOT);
		person.traces().forEach(trace -> assertThat(json).contains(trace));
		other.traces().forEach(trace -> assertThat(json).doesNotContain(trace));
		assertThat(stack.mailsTo(person.email())).as("the export is never mailed")
			.noneMatch(mail -> text(mail).contains(person.message()));

		// Erasure: held for the privacy officer (a store keeps legal holds), then carried out
		browser.get(stack.gatewayUrl() + "/meine-daten");
		ask(person.email(), "ERASURE", "s07");
		browser.findElement(By.cssSelector("main button[type=submit]")).click();
		awaitHeadingStarting("Ihr Antrag: die Löschung Ihrer Daten");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("zur Prüfung");
		Browsers.accessible(browser, "s10-erasure-held");
		String id = browser.findElement(By.xpath("//dt[.='Aktenzeichen']/following-sibling::dd[1]")).getText();
		var approved = admin("POST", "/api/admin/privacy-requests/" + id + "/review", "{\"decision\":\"APPROVE\"}");
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		awaitState("Ihr Antrag ist erledigt");
		Browsers.accessible(browser, "s11-erasure-done");

		String databases = BlackBoxScan.everyDatabase(mongo);
		String topics = BlackBoxScan.everyTopic(stack);
		Map<String, String> logs = BlackBoxScan.everyLog(stack);
		for (String trace : person.traces()) {
			assertThat(databases).as("every MongoDB database").doesNotContain(trace);
			assertThat(topics).as("every Kafka topic").doesNotContain(trace);
			logs.forEach((log, text) -> assertThat(text).as(log).doesNotContain(trace));
		}
		assertThat(databases).as("the other person is untouched").contains(other.email().toLowerCase(Locale.ROOT));

		// An address nobody knows: the same pages and the same mail
		String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		browser.get(stack.gatewayUrl() + "/meine-daten");
		Seen stranger = ask(unknown, "ACCESS", "s12");
		assertThat(stranger.answerPage()).isEqualTo(known.answerPage());
		assertThat(stranger.mail().replace(unknown, "ADDRESS"))
			.isEqualTo(known.mail().replace(person.email(), "ADDRESS"));
		assertThat(stranger.confirmPage()).isEqualTo(known.confirmPage());
		browser.findElement(By.cssSelector("main button[type=submit]")).click();
		awaitState("Ihr Antrag ist erledigt");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("keine Daten gespeichert");
		Browsers.accessible(browser, "s15-unknown-done");
	}

	/**
	 * The form and the link's pages under attack, through the gateway and straight at erasure-service: every other
	 * spelling of their paths, tampered and foreign tokens, a button for another request type, control and format
	 * characters, duplicate fields and keys. Each gets a clear refusal that echoes nothing, nothing is filed or mailed,
	 * and no log shows what was sent.
	 */
	@Test
	void attacksOnTheFormAndTheLinkFileNothingMailNothingAndEchoNothing() throws Exception {
		String victim = "attacked-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String body = "email=" + victim.replace("@", "%40") + "&type=ERASURE";
		String service = "http://127.0.0.1:" + SharedStack.ports().erasure();
		for (String path : List.of("/api/privacy/%73elf-service", "/api/%70rivacy/self-service",
				"/api/privacy/self-service/", "//api/privacy/self-service", "/api/privacy/self-service;x=1",
				"/api/privacy/./self-service")) {
			for (String base : List.of(stack.gatewayUrl(), service)) {
				var answer = send(base + path, "application/x-www-form-urlencoded", body, true);
				assertThat(answer.statusCode()).as(base + path).isEqualTo(400);
				assertThat(answer.body()).as(base + path).contains("path-not-canonical").doesNotContain(victim);
			}
		}
		for (String token : List.of(UUID.randomUUID() + "." + LogAudit.POSTED, LogAudit.POSTED,
				UUID.randomUUID() + ".%00" + LogAudit.POSTED, "x".repeat(500) + LogAudit.POSTED)) {
			var opened = send(stack.gatewayUrl() + "/privacy/request?token=" + token, null, null, false);
			var pressed = send(stack.gatewayUrl() + "/privacy/request", "application/x-www-form-urlencoded",
					"token=" + token + "&type=ACCESS", false);
			for (var answer : List.of(opened, pressed)) {
				assertThat(answer.statusCode()).isIn(400);
				assertThat(answer.body()).doesNotContain(LogAudit.POSTED);
			}
		}
		for (String email : List.of(LogAudit.POSTED + "%00@example.org", LogAudit.POSTED + "%E2%80%AE@example.org",
				LogAudit.POSTED + "%0D%0ABcc%3A%20x@example.org", LogAudit.POSTED + "%E2%80%8B@example.org")) {
			var answer = send(stack.gatewayUrl() + "/api/privacy/self-service", "application/x-www-form-urlencoded",
					"email=" + email + "&type=ACCESS", true);
			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.body()).contains("\"field\":\"email\"").doesNotContain(LogAudit.POSTED);
		}
		var twice = send(stack.gatewayUrl() + "/api/privacy/self-service", "application/x-www-form-urlencoded",
				body + "&email=" + LogAudit.POSTED + "%40example.org", true);
		var twiceJson = send(stack.gatewayUrl() + "/api/privacy/self-service", "application/json",
				"{\"type\":\"ACCESS\",\"email\":\"" + victim + "\",\"email\":\"" + LogAudit.POSTED
						+ "@example.org\"}", true);
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("duplicate").doesNotContain(LogAudit.POSTED);
		assertThat(twiceJson.statusCode()).isEqualTo(400);
		assertThat(twiceJson.body()).doesNotContain(LogAudit.POSTED).doesNotContain(victim);

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> stack.mailsTo(victim).isEmpty());
		LogAudit.assertNoPersonalData(stack);
	}

	private static HttpResponse<String> send(String url, String contentType, String body, boolean proofOfWork)
			throws Exception {
		var request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
			.header("X-Forwarded-For", "198.51.100." + (1 + CLIENTS.getAndIncrement() % 250));
		if (proofOfWork) {
			request.header("Altcha", ProofOfWork.solved(stack, "privacy"));
		}
		if (body == null) {
			return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		return HTTP.send(request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Fills the "Meine Daten" form for this address and request type, sends it, follows the mailed link from the dev
	 * inbox and stops at the page with the button. Returns what the person saw, with the link's secret blanked.
	 */
	private Seen ask(String email, String type, String shots) throws Exception {
		int before = stack.mailsTo(email).size();
		Browsers.awaitHeading(browser, "Meine Daten");
		new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the proof-of-work widget did not verify")
			.until(driver -> driver.findElements(By.cssSelector("#rights input[name=altcha]")).stream()
				.anyMatch(input -> !String.valueOf(input.getDomProperty("value")).isBlank()
						&& !"null".equals(String.valueOf(input.getDomProperty("value")))));
		browser.findElement(By.id("rights-email")).sendKeys(email);
		browser.findElement(By.cssSelector("input[name=type][value=" + type + "]")).click();
		browser.findElement(By.cssSelector("#rights button[type=submit]")).click();
		Browsers.awaitHeading(browser, "Bitte sehen Sie in Ihr Postfach");
		String answer = browser.findElement(By.tagName("main")).getText();
		Browsers.accessible(browser, shots + "-sent");

		await().atMost(Duration.ofSeconds(30)).until(() -> stack.mailsTo(email).size() > before);
		MimeMessage mail = stack.mailsTo(email).getLast();
		String body = text(mail);
		String token = body.substring(body.indexOf("token=") + 6).split("[&\\s]")[0];
		browser.get("http://localhost:" + SharedStack.ports().inbox() + "/");
		browser.findElements(By.xpath("//tbody/tr[td[contains(., '" + email + "')]]//a")).getFirst().click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/messages/"));
		Browsers.screenshot(browser, shots + "-inbox");
		browser.findElement(By.partialLinkText("/privacy/request?token=")).click();
		Browsers.awaitHeading(browser, "Bitte bestätigen Sie Ihren Antrag");
		Browsers.accessible(browser, shots + "-confirm");
		String confirm = browser.findElement(By.tagName("main")).getText();
		return new Seen(answer, mail.getSubject() + "\n" + body.replace(token, "TOKEN"), confirm);
	}

	/** Reloads the status page until it says this (the stores answer on Kafka meanwhile). */
	private void awaitState(String text) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			browser.navigate().refresh();
			return browser.findElement(By.tagName("main")).getText().contains(text);
		});
	}

	private List<String> answeringStores() throws Exception {
		List<String> stores = new ArrayList<>();
		JsonNode inventory = JSON.readTree(admin("GET", "/api/admin/inventory", null).body());
		for (JsonNode store : inventory.has("stores") ? inventory.get("stores") : inventory) {
			if (store.path("answersRequests").asBoolean()) {
				stores.add(store.get("store").asString());
			}
		}
		assertThat(stores).contains("newsletter-service", "contact-service", "comment-service");
		return stores;
	}

	private void subscribeAndConfirm(String email) throws Exception {
		assertThat(post("/api/newsletter/subscriptions", "application/json",
				"{\"email\":\"" + email + "\",\"consent\":true,\"language\":\"de\"}").statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> !stack.mailsTo(email).isEmpty());
		String body = text(stack.mailsTo(email).getFirst());
		String token = body.substring(body.indexOf("token=") + 6).split("[&\\s]")[0];
		assertThat(post("/newsletter/confirm", "application/x-www-form-urlencoded", "token=" + token + "&lang=de")
			.statusCode()).isEqualTo(200);
	}

	private void sendContactRequest(Person person) throws Exception {
		String body = JSON.writeValueAsString(Map.of("topic", "buergerservice", "name", person.name(), "email",
				person.email(), "subject", "Bauantrag", "message", person.message(), "privacy", true));
		assertThat(post("/api/contact", "application/json", body).statusCode()).isEqualTo(202);
	}

	/** A comment on the demo site's post, with the address for the notice when it is published. */
	private void postComment(Person person) throws Exception {
		String body = JSON.writeValueAsString(Map.of("site", "demo", "post", "willkommen", "name", person.name(),
				"email", person.email(), "notice", "true", "text", "Kommentar: " + person.message()));
		var posted = post("/api/comments", "application/json", body);
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
	}

	private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
			.header("Content-Type", contentType).header("Altcha", ProofOfWork.solvedFor(stack, path))
			.header("X-Forwarded-For", "198.51.100." + (1 + CLIENTS.getAndIncrement() % 250))
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> admin(String method, String path, String json) throws Exception {
		return Staff.privacyAdmin(stack, method, path, json);
	}

	private static String text(MimeMessage mail) {
		try {
			return DevMailServer.text(mail);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static void awaitHeadingStarting(String expected) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "heading '" + expected + "…' on " + browser.getCurrentUrl())
			.until(d -> d.findElement(By.tagName("h1")).getText().startsWith(expected));
	}

}
