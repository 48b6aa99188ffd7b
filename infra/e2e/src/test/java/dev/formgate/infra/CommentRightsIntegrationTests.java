package dev.formgate.infra;

import dev.formgate.infra.Comments.Posted;
import dev.formgate.security.AdminRoles;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static dev.formgate.infra.Comments.comment;
import static dev.formgate.infra.Comments.evidence;
import static dev.formgate.infra.Comments.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rights of a comment's author who gave no address, on the real stack in Chromium (docs/privacy.md, "The author's
 * private link" and "Requests by comment id"): the private link's page asks for a copy through the one ledger and shows
 * the export and the receipt; the privacy officer files an erasure by comment number in the console; and a legal hold
 * set and released on the console's page keeps the evidence through an objection. Every page passes axe-core.
 */
class CommentRightsIntegrationTests extends BrowserTests {

	@Test
	void anAuthorWithoutAddressGetsACopyThroughThePrivateLinkWithTheReceipt() throws Exception {
		Person person = Person.fresh("link");
		Posted posted = post(stack, mongo, person, "198.51.100.31", false);

		openBrowser();
		browser.get(stack.gatewayUrl() + posted.deletePath());
		awaitHeading("Kommentar löschen");
		awaitText("main", "Ihre Rechte zu diesem Kommentar");
		accessible("comment-rights-01-private-link");
		browser.findElement(By.xpath("//button[normalize-space()='Kopie anfordern']")).click();

		awaitText("main", "eine Kopie Ihrer Daten");
		assertThat(browser.getCurrentUrl()).startsWith(stack.gatewayUrl() + "/privacy/request?token=")
			.doesNotContain(posted.id());
		accessible("comment-rights-02-status");
		await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
			browser.navigate().refresh();
			return !browser.findElements(By.partialLinkText("JSON")).isEmpty();
		});
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("comment-service");
		accessible("comment-rights-03-receipt");
		String status = browser.getCurrentUrl();
		browser.get(status.replace("/privacy/request?", "/privacy/request/export?"));
		String export = browser.findElement(By.tagName("main")).getText();
		assertThat(export).contains(person.message()).contains("198.51.100.31");
		accessible("comment-rights-04-export");

		JsonNode filed = onlyRequest("ACCESS", "possession of the comment's private link");
		assertThat(filed.get("receivedVia").asString()).isEqualTo("SELF_SERVICE");
		assertThat(filed.get("subjectNamedBy").asString()).isEqualTo("COMMENT");
	}

	@Test
	void thePrivacyOfficerErasesAnAuthorsCommentByItsNumberInTheConsole() throws Exception {
		Person person = Person.fresh("byid");
		Posted posted = post(stack, mongo, person, "198.51.100.32", false);

		signIn(AdminRoles.PRIVACY_ADMIN);
		browser.get(stack.gatewayUrl() + "/console/privacy-requests/new");
		awaitHeading("Anfrage erfassen");
		new Select(browser.findElement(By.id("type"))).selectByValue("ERASURE");
		new Select(browser.findElement(By.id("receivedVia"))).selectByValue("LETTER");
		browser.findElement(By.id("commentId")).sendKeys("not-a-comment-number");
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		awaitText("#commentId-error", "ungültig");
		accessible("comment-rights-05-officer-invalid-number");
		browser.findElement(By.id("commentId")).clear();
		browser.findElement(By.id("commentId")).sendKeys(posted.id());
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		awaitText("p.notice", "Die Anfrage wurde erfasst.");
		assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("Kommentar-Nummer")
			.doesNotContain(posted.id());
		accessible("comment-rights-06-officer-request");

		await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
			browser.navigate().refresh();
			return browser.findElement(By.cssSelector("dl.facts")).getText().contains("Erledigt");
		});
		browser.findElement(By.linkText("Quittung anzeigen")).click();
		String receipt = browser.findElement(By.tagName("main")).getText();
		assertThat(receipt).contains("Kommentar-Nummer").contains("comment-service").doesNotContain(posted.id());
		accessible("comment-rights-07-receipt");
		await().atMost(Duration.ofSeconds(30)).until(() -> comment(mongo, posted.id()) == null);
		assertThat(evidence(mongo, posted.id())).isNull();
	}

	@Test
	void aLegalHoldSetInTheConsoleKeepsTheEvidenceThroughAnObjectionUntilReleased() throws Exception {
		Person person = Person.fresh("hold");
		Posted posted = post(stack, mongo, person, "198.51.100.33", false);

		signIn(AdminRoles.PRIVACY_ADMIN);
		browser.findElement(By.linkText("Aufbewahrungssperren")).click();
		awaitHeading("Aufbewahrungssperren für Kommentar-Nachweise");
		accessible("comment-rights-08-legal-holds");
		browser.findElement(By.id("id")).sendKeys(posted.id());
		browser.findElement(By.id("reason")).sendKeys("Abmahnung Az. 3 O 12/26");
		browser.findElement(By.xpath("//button[normalize-space()='Sperre setzen']")).click();
		awaitText("p.notice", "Der Nachweis ist gesperrt.");
		assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("Abmahnung Az. 3 O 12/26")
			.contains("privacy-admin").doesNotContain("198.51.100.33");
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("privacy-admin").contains("Nachweis gesperrt").doesNotContain("Abmahnung");
		accessible("comment-rights-09-legal-hold-set");
		assertThat(evidence(mongo, posted.id()).get("legalHold", Document.class).getString("reason"))
			.isEqualTo("Abmahnung Az. 3 O 12/26");

		String request = Staff.fileRequest(stack, Map.of("type", "OBJECTION", "purpose", "comment-evidence",
				"commentId", posted.id(), "receivedVia", "EMAIL"));
		JsonNode comments = Staff.store(Staff.awaitFinished(stack, request), "comment-service");
		assertThat(comments.get("outcome").asString()).isEqualTo("RETAINED");
		assertThat(evidence(mongo, posted.id())).as("the hold keeps the evidence").isNotNull();

		browser.findElement(By.xpath("//button[normalize-space()='Sperre aufheben']")).click();
		awaitText("p.notice", "Die Sperre ist aufgehoben.");
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=trail-heading] tbody")).getText())
			.contains("Sperre des Nachweises aufgehoben");
		assertThat(evidence(mongo, posted.id()).get("legalHold")).isNull();
		accessible("comment-rights-10-legal-hold-released");

		browser.get(stack.gatewayUrl() + "/console/legal-holds?id=..%2F..%2Fadmin");
		awaitHeading("Aufbewahrungssperren für Kommentar-Nachweise");
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("admin");
	}

	/** The one privacy request of this type verified this way among the latest ones. */
	private static JsonNode onlyRequest(String type, String verifiedBy) throws Exception {
		JsonNode listing = JSON.readTree(Staff.privacyAdmin(stack, "GET",
				"/api/admin/privacy-requests?type=" + type + "&size=100", null).body());
		return java.util.stream.StreamSupport.stream(listing.get("items").spliterator(), false)
			.filter(r -> verifiedBy.equals(r.path("identityVerifiedBy").asString(null)))
			.max(java.util.Comparator.comparing(r -> r.get("receivedAt").asString())).orElseThrow();
	}
}
