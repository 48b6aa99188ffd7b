package dev.formgate.infra;

import dev.formgate.security.AdminRoles;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static dev.formgate.infra.Comments.comment;
import static dev.formgate.infra.Comments.evidence;
import static dev.formgate.infra.Comments.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The comment function on the real stack, in a real headless Chromium: a visitor comments on the demo blog post through
 * the embedded script, a moderator publishes it in the console, the blog post shows it with its time and without any
 * address; the privacy officer discloses its evidence once, for a reason; an erasure leaves nothing of a commenter in
 * any database, topic or service log; and the evidence goes when its period ends (45 s on this stack).
 */
class CommentIntegrationTests extends BrowserTests {

	@Test
	void visitorCommentsModeratorPublishesAndTheBlogPostShowsItWithItsTimeAndNoAddress() throws Exception {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		String name = "Leserin " + marker;
		String text = "Danke für den Beitrag " + marker + "! <b>kein HTML</b>";

		openBrowser();
		browser.get(stack.gatewayUrl() + "/blog");
		awaitText("section[data-formgate-comments] h2", "Kommentare");
		awaitProofOfWork();
		Browsers.screenshot(browser, "comments-01-blog-post");
		browser.findElement(By.cssSelector("[data-formgate-comments] textarea[name=text]")).sendKeys(text);
		browser.findElement(By.cssSelector("[data-formgate-comments] input[name=name]")).sendKeys(name);
		browser.findElement(By.cssSelector("[data-formgate-comments] button[type=submit]")).click();
		awaitText(".fg-status", "Vielen Dank!");
		Browsers.screenshot(browser, "comments-02-thank-you");
		String deleteLink = browser.findElement(By.cssSelector(".fg-delete a")).getDomProperty("href");
		assertThat(deleteLink).contains("/comments/delete?id=").contains("token=");
		String id = deleteLink.substring(deleteLink.indexOf("id=") + 3, deleteLink.indexOf('&'));
		assertThat(comment(mongo, id).getString("state")).isEqualTo("PENDING");
		assertThat(comment(mongo, id).getString("text")).as("stored as typed").isEqualTo(text);

		// The privacy officer discloses the evidence once, with a reason (through the gateway: the audit trail has it).
		var disclosed = Staff.privacyAdmin(stack, "POST", "/api/admin/comments/" + id + "/evidence",
				"{\"reason\":\"Auskunftsersuchen 12 Js 34/26\"}");
		assertThat(disclosed.statusCode()).as(disclosed.body()).isEqualTo(200);
		assertThat(disclosed.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
			.startsWith("attachment"));
		String address = JSON.readTree(disclosed.body()).get("clientAddress").asString();
		assertThat(address).isNotBlank();
		assertThat(evidence(mongo, id).getList("disclosures", Document.class)).singleElement()
			.satisfies(d -> assertThat(d.getString("reason")).isEqualTo("Auskunftsersuchen 12 Js 34/26"));
		assertThat(mongo.getDatabase("formgate-gateway").getCollection("audit_trail")
			.countDocuments(new Document("target", id).append("action", "POST comments/{id}/evidence")))
			.isGreaterThanOrEqualTo(1);

		signIn(AdminRoles.COMMENT_MODERATOR);
		browser.get(stack.gatewayUrl() + "/console/comments");
		awaitHeading("Kommentare");
		accessible("comments-03-moderation-queue");
		browser.findElement(By.id("c-" + id)).click();
		browser.findElement(By.xpath("//button[normalize-space()='Ausgewählte veröffentlichen']")).click();
		awaitText("p.notice", "veröffentlicht");
		browser.get(stack.gatewayUrl() + "/console/comments?state=PUBLISHED");
		awaitText("main", name);
		accessible("comments-04-published-in-the-console");

		// A reader who never visited: the blog post shows the comment, its time, and no address.
		openBrowser();
		browser.get(stack.gatewayUrl() + "/blog");
		WebElement shown = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElements(By.cssSelector("li[data-comment-id='" + id + "']")).stream().findFirst()
				.orElse(null));
		assertThat(shown.findElement(By.cssSelector(".fg-comment-name")).getText()).isEqualTo(name);
		assertThat(shown.findElement(By.cssSelector(".fg-comment-text")).getText()).isEqualTo(text);
		assertThat(shown.findElements(By.cssSelector(".fg-comment-text b"))).as("markup stays text").isEmpty();
		assertThat(shown.findElement(By.tagName("time")).getDomAttribute("datetime"))
			.isEqualTo(comment(mongo, id).getDate("postedAt").toInstant().toString());
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
		String id = post(stack, mongo, person, address, true).id();
		var published = publish(id);
		assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> !stack.mailsTo(person.email()).isEmpty());
		assertThat(BlackBoxScan.everyDatabase(mongo)).as("stored before the erasure")
			.contains(person.message().toLowerCase(Locale.ROOT));

		String request = Staff.fileRequest(stack, Map.of("type", "ERASURE", "email", person.email(), "receivedVia",
				"EMAIL", "note", "e2e"));
		JsonNode done = Staff.awaitFinished(stack, request);
		assertThat(done.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(Staff.store(done, "comment-service").get("outcome").asString()).isEqualTo("ERASED");
		await().atMost(Duration.ofSeconds(30)).until(() -> comment(mongo, id) == null);

		List<String> traces = person.traces();
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
		String id = post(stack, mongo, person, "198.51.100.77", true).id();
		assertThat(evidence(mongo, id)).isNotNull();
		publish(id);

		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
			.until(() -> evidence(mongo, id) == null);

		assertThat(comment(mongo, id).getString("state")).isEqualTo("PUBLISHED");
		var gone = Staff.privacyAdmin(stack, "POST", "/api/admin/comments/" + id + "/evidence",
				"{\"reason\":\"zu spät\"}");
		assertThat(gone.statusCode()).isEqualTo(410);
	}

	/** The moderator publishes the comment over the admin API. */
	private static HttpResponse<String> publish(String id) throws Exception {
		return Staff.call(stack, AdminRoles.COMMENT_MODERATOR, "PUT", "/api/admin/comments/" + id + "/state",
				"{\"state\":\"PUBLISHED\"}");
	}

	private void awaitProofOfWork() {
		new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the proof-of-work widget did not verify")
			.until(driver -> driver.findElements(By.cssSelector("[data-formgate-comments] input[name=altcha]")).stream()
				.anyMatch(input -> !String.valueOf(input.getDomProperty("value")).isBlank()
						&& !"null".equals(String.valueOf(input.getDomProperty("value")))));
	}
}
