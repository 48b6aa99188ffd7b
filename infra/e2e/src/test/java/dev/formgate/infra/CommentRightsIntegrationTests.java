package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.formgate.security.AdminRoles;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rights of a comment's author who gave no address, on the real stack in Chromium (docs/privacy.md, "The author's
 * private link" and "Requests by comment id"): the private link's page asks for a copy through the one ledger and shows
 * the export and the receipt; the privacy officer files an erasure by comment number in the console; and a legal hold
 * set and released on the console's page keeps the evidence through an objection. Every page passes axe-core.
 */
class CommentRightsIntegrationTests {

	static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	static final JsonMapper JSON = JsonMapper.builder().build();

	static LocalStack stack;
	static MongoClient mongo;
	ChromeDriver browser;

	@BeforeAll
	static void start() throws IOException {
		Browsers.assumeInstalled(true);
		stack = SharedStack.get();
		mongo = MongoClients.create(stack.mongoUri(""));
	}

	@AfterAll
	static void disconnect() {
		if (mongo != null) {
			mongo.close();
		}
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void anAuthorWithoutAddressGetsACopyThroughThePrivateLinkWithTheReceipt() throws Exception {
		Person person = Person.fresh("link");
		Posted posted = post(person, "198.51.100.31");

		browser = DemoPageBrowserIntegrationTests.chromium(true);
		browser.get(stack.gatewayUrl() + posted.deletePath());
		Browsers.awaitHeading(browser, "Kommentar löschen");
		Browsers.awaitText(browser, "main", "Ihre Rechte zu diesem Kommentar");
		Browsers.accessible(browser, "comment-rights-01-private-link");
		browser.findElement(By.xpath("//button[normalize-space()='Kopie anfordern']")).click();

		Browsers.awaitText(browser, "main", "eine Kopie Ihrer Daten");
		assertThat(browser.getCurrentUrl()).startsWith(stack.gatewayUrl() + "/privacy/request?token=")
			.doesNotContain(posted.id());
		Browsers.accessible(browser, "comment-rights-02-status");
		await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
			browser.navigate().refresh();
			return !browser.findElements(By.partialLinkText("JSON")).isEmpty();
		});
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("comment-service");
		Browsers.accessible(browser, "comment-rights-03-receipt");
		String status = browser.getCurrentUrl();
		browser.get(status.replace("/privacy/request?", "/privacy/request/export?"));
		String export = browser.findElement(By.tagName("main")).getText();
		assertThat(export).contains(person.message()).contains("198.51.100.31");
		Browsers.accessible(browser, "comment-rights-04-export");

		JsonNode filed = onlyRequest("ACCESS", "possession of the comment's private link");
		assertThat(filed.get("receivedVia").asString()).isEqualTo("SELF_SERVICE");
		assertThat(filed.get("subjectNamedBy").asString()).isEqualTo("COMMENT");
	}

	@Test
	void thePrivacyOfficerErasesAnAuthorsCommentByItsNumberInTheConsole() throws Exception {
		Person person = Person.fresh("byid");
		Posted posted = post(person, "198.51.100.32");

		browser = DemoPageBrowserIntegrationTests.chromium(true);
		Browsers.signIn(browser, stack, AdminRoles.PRIVACY_ADMIN);
		browser.get(stack.gatewayUrl() + "/console/privacy-requests/new");
		Browsers.awaitHeading(browser, "Anfrage erfassen");
		new Select(browser.findElement(By.id("type"))).selectByValue("ERASURE");
		new Select(browser.findElement(By.id("receivedVia"))).selectByValue("LETTER");
		browser.findElement(By.id("commentId")).sendKeys("not-a-comment-number");
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.awaitText(browser, "#commentId-error", "ungültig");
		Browsers.accessible(browser, "comment-rights-05-officer-invalid-number");
		browser.findElement(By.id("commentId")).clear();
		browser.findElement(By.id("commentId")).sendKeys(posted.id());
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		Browsers.awaitText(browser, "p.notice", "Die Anfrage wurde erfasst.");
		assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("Kommentar-Nummer")
			.doesNotContain(posted.id());
		Browsers.accessible(browser, "comment-rights-06-officer-request");

		await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
			browser.navigate().refresh();
			return browser.findElement(By.cssSelector("dl.facts")).getText().contains("Erledigt");
		});
		browser.findElement(By.linkText("Quittung anzeigen")).click();
		String receipt = browser.findElement(By.tagName("main")).getText();
		assertThat(receipt).contains("Kommentar-Nummer").contains("comment-service").doesNotContain(posted.id());
		Browsers.accessible(browser, "comment-rights-07-receipt");
		await().atMost(Duration.ofSeconds(30)).until(() -> comment(posted.id()) == null);
		assertThat(evidence(posted.id())).isNull();
	}

	@Test
	void aLegalHoldSetInTheConsoleKeepsTheEvidenceThroughAnObjectionUntilReleased() throws Exception {
		Person person = Person.fresh("hold");
		Posted posted = post(person, "198.51.100.33");

		browser = DemoPageBrowserIntegrationTests.chromium(true);
		Browsers.signIn(browser, stack, AdminRoles.PRIVACY_ADMIN);
		browser.findElement(By.linkText("Aufbewahrungssperren")).click();
		Browsers.awaitHeading(browser, "Aufbewahrungssperren für Kommentar-Nachweise");
		Browsers.accessible(browser, "comment-rights-08-legal-holds");
		browser.findElement(By.id("id")).sendKeys(posted.id());
		browser.findElement(By.id("reason")).sendKeys("Abmahnung Az. 3 O 12/26");
		browser.findElement(By.xpath("//button[normalize-space()='Sperre setzen']")).click();
		Browsers.awaitText(browser, "p.notice", "Der Nachweis ist gesperrt.");
		assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("Abmahnung Az. 3 O 12/26")
			.contains("privacy-admin").doesNotContain("198.51.100.33");
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("privacy-admin").contains("Nachweis gesperrt").doesNotContain("Abmahnung");
		Browsers.accessible(browser, "comment-rights-09-legal-hold-set");
		assertThat(evidence(posted.id()).get("legalHold", Document.class).getString("reason"))
			.isEqualTo("Abmahnung Az. 3 O 12/26");

		var objection = PrivacyAdmin.call(stack, "POST", "/api/admin/privacy-requests", JSON.writeValueAsString(
				Map.of("type", "OBJECTION", "purpose", "comment-evidence", "commentId", posted.id(), "receivedVia",
						"EMAIL")));
		assertThat(objection.statusCode()).as(objection.body()).isEqualTo(201);
		String request = JSON.readTree(objection.body()).get("id").asString();
		await().atMost(Duration.ofSeconds(90)).until(() -> Set.of("COMPLETED", "PARTIAL", "FAILED")
			.contains(privacyRequest(request).get("state").asString()));
		JsonNode comments = store(privacyRequest(request), "comment-service");
		assertThat(comments.get("outcome").asString()).isEqualTo("RETAINED");
		assertThat(evidence(posted.id())).as("the hold keeps the evidence").isNotNull();

		browser.findElement(By.xpath("//button[normalize-space()='Sperre aufheben']")).click();
		Browsers.awaitText(browser, "p.notice", "Die Sperre ist aufgehoben.");
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("Sperre des Nachweises aufgehoben");
		assertThat(evidence(posted.id()).get("legalHold")).isNull();
		Browsers.accessible(browser, "comment-rights-10-legal-hold-released");

		browser.get(stack.gatewayUrl() + "/console/legal-holds?id=..%2F..%2Fadmin");
		Browsers.awaitHeading(browser, "Aufbewahrungssperren für Kommentar-Nachweise");
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("admin");
	}

	record Posted(String id, String deletePath) {
	}

	/** A comment on the demo post without an address, as a website's script posts it, from this client address. */
	private static Posted post(Person person, String clientAddress) throws Exception {
		String body = JSON.writeValueAsString(Map.of("site", "demo", "post", "willkommen", "name", person.name(),
				"text", person.message(), "language", "de", "altcha", ProofOfWork.solved(stack, "comment")));
		var posted = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/comments?site=demo"))
			.header("Content-Type", "application/json").header("X-Forwarded-For", clientAddress)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
		JsonNode answer = JSON.readTree(posted.body());
		return new Posted(answer.get("commentId").asString(), answer.get("deletePath").asString());
	}

	/** The one privacy request of this type verified this way among the latest ones. */
	private static JsonNode onlyRequest(String type, String verifiedBy) throws Exception {
		JsonNode listing = JSON.readTree(PrivacyAdmin.call(stack, "GET",
				"/api/admin/privacy-requests?type=" + type + "&size=100", null).body());
		return java.util.stream.StreamSupport.stream(listing.get("items").spliterator(), false)
			.filter(r -> verifiedBy.equals(r.path("identityVerifiedBy").asString(null)))
			.max(java.util.Comparator.comparing(r -> r.get("receivedAt").asString())).orElseThrow();
	}

	private static JsonNode privacyRequest(String id) throws Exception {
		return JSON.readTree(PrivacyAdmin.call(stack, "GET", "/api/admin/privacy-requests/" + id, null).body());
	}

	private static JsonNode store(JsonNode request, String store) {
		return java.util.stream.StreamSupport.stream(request.get("stores").spliterator(), false)
			.filter(s -> s.get("store").asString().equals(store)).findFirst().orElseThrow();
	}

	private static Document comment(String id) {
		return mongo.getDatabase("formgate-comment").getCollection("comments").find(new Document("_id", id)).first();
	}

	private static Document evidence(String id) {
		return mongo.getDatabase("formgate-comment").getCollection("comment_evidence").find(new Document("_id", id))
			.first();
	}
}
