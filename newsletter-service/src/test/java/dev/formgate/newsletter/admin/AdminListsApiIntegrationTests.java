package dev.formgate.newsletter.admin;

import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The lists with their figures, for the console's newsletter page: counts only, the editor's role, a checked range. */
@NewsletterServiceTest
class AdminListsApiIntegrationTests {

	final Http http;
	final String editor = AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR);

	AdminListsApiIntegrationTests(@LocalServerPort int port) {
		this.http = new Http("http://127.0.0.1:" + port);
	}

	@Test
	void countsASignUpOnBehalfAsPendingAndAnUnsubscribeInThePeriod() {
		String today = LocalDate.now().toString();
		String range = "/api/admin/newsletter/lists?from=" + LocalDate.now().minusDays(1) + "&to=" + today;
		long pendingBefore = figure(http.get(range, "Authorization", editor).body(), "pending");
		long unsubscribedBefore = figure(http.get(range, "Authorization", editor).body(), "unsubscribed");
		String email = "lists-" + UUID.randomUUID() + "@example.org";

		assertThat(http.postJson("/api/admin/newsletter/subscriptions", "{\"email\":\"" + email + "\"}",
				"Authorization", editor).statusCode()).isEqualTo(202);
		var after = http.get(range, "Authorization", editor);
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(after.body()).contains("\"list\":\"news\"").doesNotContain("@");
		assertThat(figure(after.body(), "pending")).isEqualTo(pendingBefore + 1);

		assertThat(http.postJson("/api/admin/newsletter/unsubscriptions", "{\"email\":\"" + email + "\"}",
				"Authorization", editor).statusCode()).isEqualTo(200);
		var ended = http.get(range, "Authorization", editor).body();
		assertThat(figure(ended, "pending")).isEqualTo(pendingBefore);
		assertThat(figure(ended, "unsubscribed")).isEqualTo(unsubscribedBefore + 1);
	}

	@Test
	void refusesAMissingOrReversedRangeNamingTheField() {
		var missing = http.get("/api/admin/newsletter/lists?from=2026-01-01", "Authorization", editor);
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("\"field\":\"to\"");
		var reversed = http.get("/api/admin/newsletter/lists?from=2026-02-01&to=2026-01-01", "Authorization", editor);
		assertThat(reversed.statusCode()).isEqualTo(400);
	}

	@Test
	void needsTheEditorRole() {
		var answer = http.get("/api/admin/newsletter/lists?from=2026-01-01&to=2026-01-02", "Authorization",
				AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));
		assertThat(answer.statusCode()).isEqualTo(403);
	}

	private static long figure(String body, String name) {
		Matcher matcher = Pattern.compile("\"list\":\"news\"[^}]*\"" + name + "\":(\\d+)").matcher(body);
		assertThat(matcher.find()).as(name + " in " + body).isTrue();
		return Long.parseLong(matcher.group(1));
	}
}
