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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The comment function on the real stack, in a real headless Chromium: a visitor comments on the demo blog post through
 * the embedded script, a moderator publishes it in the console, the blog post shows it with its time and without any
 * address; the privacy officer discloses its evidence once, for a reason; an erasure leaves nothing of a commenter in
 * any database, topic or service log; and the evidence goes when its period ends (45 s on this stack).
 */
class CommentIntegrationTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();
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
	void visitorCommentsModeratorPublishesAndTheBlogPostShowsItWithItsTimeAndNoAddress() throws Exception {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		String name = "Leserin " + marker;
		String text = "Danke für den Beitrag " + marker + "! <b>kein HTML</b>";

		browser = DemoPageBrowserIntegrationTests.chromium(true);
		browser.get(stack.gatewayUrl() + "/blog");
		Browsers.awaitText(browser, "section[data-formgate-comments] h2", "Kommentare");
		awaitProofOfWork();
		Browsers.screenshot(browser, "comments-01-blog-post");
		browser.findElement(By.cssSelector("[data-formgate-comments] textarea[name=text]")).sendKeys(text);
		browser.findElement(By.cssSelector("[data-formgate-comments] input[name=name]")).sendKeys(name);
		browser.findElement(By.cssSelector("[data-formgate-comments] button[type=submit]")).click();
		Browsers.awaitText(browser, ".fg-status", "Vielen Dank!");
		Browsers.screenshot(browser, "comments-02-thank-you");
		String deleteLink = browser.findElement(By.cssSelector(".fg-delete a")).getDomProperty("href");
		assertThat(deleteLink).contains("/comments/delete?id=").contains("token=");
		String id = deleteLink.substring(deleteLink.indexOf("id=") + 3, deleteLink.indexOf('&'));
		assertThat(comment(id).getString("state")).isEqualTo("PENDING");
		assertThat(comment(id).getString("text")).as("stored as typed").isEqualTo(text);
		browser.quit();

		// The privacy officer discloses the evidence once, with a reason (through the gateway: the audit trail has it).
		var disclosed = PrivacyAdmin.call(stack, "POST", "/api/admin/comments/" + id + "/evidence",
				"{\"reason\":\"Auskunftsersuchen 12 Js 34/26\"}");
		assertThat(disclosed.statusCode()).as(disclosed.body()).isEqualTo(200);
		assertThat(disclosed.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
			.startsWith("attachment"));
		String address = JSON.readTree(disclosed.body()).get("clientAddress").asString();
		assertThat(address).isNotBlank();
		assertThat(evidence(id).getList("disclosures", Document.class)).singleElement()
			.satisfies(d -> assertThat(d.getString("reason")).isEqualTo("Auskunftsersuchen 12 Js 34/26"));
		assertThat(mongo.getDatabase("formgate-gateway").getCollection("audit_trail")
			.countDocuments(new Document("target", id).append("action", "POST comments/{id}/evidence")))
			.isGreaterThanOrEqualTo(1);

		browser = DemoPageBrowserIntegrationTests.chromium(true);
		Browsers.signIn(browser, stack, AdminRoles.COMMENT_MODERATOR);
		browser.get(stack.gatewayUrl() + "/console/comments");
		Browsers.awaitHeading(browser, "Kommentare");
		Browsers.accessible(browser, "comments-03-moderation-queue");
		browser.findElement(By.id("c-" + id)).click();
		browser.findElement(By.xpath("//button[normalize-space()='Ausgewählte veröffentlichen']")).click();
		Browsers.awaitText(browser, "p.notice", "veröffentlicht");
		browser.get(stack.gatewayUrl() + "/console/comments?state=PUBLISHED");
		Browsers.awaitText(browser, "main", name);
		Browsers.accessible(browser, "comments-04-published-in-the-console");
		browser.quit();

		// A reader who never visited: the blog post shows the comment, its time, and no address.
		browser = DemoPageBrowserIntegrationTests.chromium(true);
		browser.get(stack.gatewayUrl() + "/blog");
		WebElement shown = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElements(By.cssSelector("li[data-comment-id='" + id + "']")).stream().findFirst()
				.orElse(null));
		assertThat(shown.findElement(By.cssSelector(".fg-comment-name")).getText()).isEqualTo(name);
		assertThat(shown.findElement(By.cssSelector(".fg-comment-text")).getText()).isEqualTo(text);
		assertThat(shown.findElements(By.cssSelector(".fg-comment-text b"))).as("markup stays text").isEmpty();
		assertThat(shown.findElement(By.tagName("time")).getDomAttribute("datetime"))
			.isEqualTo(comment(id).getDate("postedAt").toInstant().toString());
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(address);
		var thread = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
			+ "/api/comments?site=demo&post=willkommen")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(thread.body()).contains(id).doesNotContain(address).doesNotContain("@");
		Browsers.screenshot(browser, "comments-05-published-on-the-blog");
	}

	@Test
	void erasureLeavesNothingOfTheCommenterInAnyStoreTopicOrServiceLog() throws Exception {
		Person person = Person.fresh("commenter");
		String address = "203.0.113." + (1 + (int) (Math.random() * 250));
		String id = post(person, address);
		var published = moderator("PUT", "/api/admin/comments/" + id + "/state", "{\"state\":\"PUBLISHED\"}");
		assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> !stack.mailsTo(person.email()).isEmpty());
		assertThat(BlackBoxScan.everyDatabase(mongo)).as("stored before the erasure")
			.contains(person.message().toLowerCase(Locale.ROOT));

		var filed = PrivacyAdmin.call(stack, "POST", "/api/admin/privacy-requests", JSON.writeValueAsString(
				Map.of("type", "ERASURE", "email", person.email(), "receivedVia", "EMAIL", "note", "e2e")));
		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
		String request = JSON.readTree(filed.body()).get("id").asString();
		await().atMost(Duration.ofSeconds(90)).until(() -> Set.of("COMPLETED", "PARTIAL", "FAILED")
			.contains(privacyRequest(request).get("state").asString()));
		JsonNode done = privacyRequest(request);
		assertThat(done.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(java.util.stream.StreamSupport.stream(done.get("stores").spliterator(), false)
			.filter(s -> s.get("store").asString().equals("comment-service")).findFirst().orElseThrow()
			.get("outcome").asString()).isEqualTo("ERASED");
		await().atMost(Duration.ofSeconds(30)).until(() -> comment(id) == null);

		List<String> traces = List.of(person.email().toLowerCase(Locale.ROOT), person.name().toLowerCase(Locale.ROOT),
				person.message().toLowerCase(Locale.ROOT));
		String databases = BlackBoxScan.everyDatabase(mongo);
		String topics = BlackBoxScan.everyTopic(stack);
		for (String trace : traces) {
			assertThat(databases).as("every MongoDB database").doesNotContain(trace);
			assertThat(topics).as("every Kafka topic").doesNotContain(trace);
		}
		assertThat(databases).as("the evidence, in every database").doesNotContain("\"" + address + "\"");
		assertThat(topics).as("the evidence, in every topic").doesNotContain(address);
		BlackBoxScan.everyLog(stack).forEach((log, text) -> {
			traces.forEach(trace -> assertThat(text).as(log).doesNotContain(trace));
			if (!log.contains("security")) {
				// The gateway's security log keeps every request's address for 7 days, for abuse (docs/privacy.md).
				assertThat(text).as(log).doesNotContain(address);
			}
		});
	}

	@Test
	void evidenceGoesWhenItsPeriodEndsAndTheCommentStays() throws Exception {
		Person person = Person.fresh("retention");
		String id = post(person, "198.51.100.77");
		assertThat(evidence(id)).isNotNull();
		moderator("PUT", "/api/admin/comments/" + id + "/state", "{\"state\":\"PUBLISHED\"}");

		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> evidence(id) == null);

		assertThat(comment(id).getString("state")).isEqualTo("PUBLISHED");
		var gone = PrivacyAdmin.call(stack, "POST", "/api/admin/comments/" + id + "/evidence", "{\"reason\":\"zu spät\"}");
		assertThat(gone.statusCode()).isEqualTo(410);
	}

	/** Posts a comment on the demo post as a website's script would, from this client address, asking for the notice. */
	private static String post(Person person, String clientAddress) throws Exception {
		String body = JSON.writeValueAsString(Map.of("site", "demo", "post", "willkommen", "name", person.name(),
				"text", person.message(), "email", person.email(), "notice", "true", "language", "de", "altcha",
				ProofOfWork.solved(stack, "comment")));
		var posted = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/comments"))
			.header("Content-Type", "application/json").header("X-Forwarded-For", clientAddress)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
		String id = JSON.readTree(posted.body()).get("commentId").asString();
		assertThat(evidence(id).getString("clientAddress")).isEqualTo(clientAddress);
		return id;
	}

	private static HttpResponse<String> moderator(String method, String path, String json) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
			.header("Authorization", "Bearer " + stack.adminToken(Duration.ofMinutes(5), AdminRoles.COMMENT_MODERATOR))
			.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode privacyRequest(String id) throws Exception {
		return JSON.readTree(PrivacyAdmin.call(stack, "GET", "/api/admin/privacy-requests/" + id, null).body());
	}

	private static Document comment(String id) {
		return mongo.getDatabase("formgate-comment").getCollection("comments").find(new Document("_id", id)).first();
	}

	private static Document evidence(String id) {
		return mongo.getDatabase("formgate-comment").getCollection("comment_evidence").find(new Document("_id", id))
			.first();
	}

	private void awaitProofOfWork() {
		new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the proof-of-work widget did not verify")
			.until(driver -> driver.findElements(By.cssSelector("[data-formgate-comments] input[name=altcha]")).stream()
				.anyMatch(input -> !String.valueOf(input.getDomProperty("value")).isBlank()
						&& !"null".equals(String.valueOf(input.getDomProperty("value")))));
	}
}
