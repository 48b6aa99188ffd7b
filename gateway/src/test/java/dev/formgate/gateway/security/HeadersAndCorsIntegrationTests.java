package dev.formgate.gateway.security;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Security headers on every answer; CORS only for the configured website and the gateway's own origin. */
@GatewayTest
class HeadersAndCorsIntegrationTests {

	final Client client;

	HeadersAndCorsIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@Test
	void sendsTheSecurityHeadersAndNoCookie() {
		var page = client.get("/");

		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
			.contains("frame-ancestors 'none'").contains("object-src 'none'").contains("script-src 'self'")
			.doesNotContain("unsafe-inline"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
		assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
				v -> assertThat(v).startsWith("max-age=31536000"));
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void servesTheMeineDatenPageInGermanAndEnglishLinkedFromTheDemoPage() {
		assertThat(client.get("/").body()).contains("href=\"/meine-daten\"");
		assertThat(client.get("/en").body()).contains("href=\"/en/my-data\"");
		for (String path : new String[] { "/meine-daten", "/en/my-data" }) {
			var page = client.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.body()).contains("action=\"/api/privacy/self-service\"")
				.contains("challengeurl=\"/api/altcha/challenge?form=privacy\"").contains("value=\"WITHDRAWAL\"");
			assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
		}
	}

	@Test
	void servesTheBlogPostWithTheCommentsScriptAndItsStylesheetWithoutACookie() {
		assertThat(client.get("/").body()).contains("href=\"/blog\"");
		assertThat(client.get("/en").body()).contains("href=\"/en/blog\"");
		for (String path : new String[] { "/blog", "/en/blog" }) {
			var page = client.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.body()).contains("data-formgate-comments").contains("data-post=\"willkommen\"")
				.contains("src=\"/assets/comments/comments.js\"");
		}
		var script = client.get("/assets/comments/comments.js");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("javascript"));
		assertThat(script.body()).contains("credentials: 'omit'").contains("/api/altcha/challenge?form=comment")
			.doesNotContain("innerHTML").doesNotContain("eval(").doesNotContain("style.");
		assertThat(script.headers().firstValue("Set-Cookie")).isEmpty();
		var stylesheet = client.get("/assets/comments/comments.css", "Origin", "https://www.example.org");
		assertThat(stylesheet.statusCode()).isEqualTo(200);
		assertThat(stylesheet.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.example.org");
	}

	@Test
	void keepsPagesThatCarryTokensOutOfEveryCache() {
		var confirm = client.get("/newsletter/confirm?token=abc");

		assertThat(confirm.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
	}

	@Test
	void letsBrowsersCacheTheStylesheetAndTheWidgetButNothingElse() {
		assertThat(client.get("/assets/formgate.css").headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("max-age=3600").doesNotContain("no-store"));
		assertThat(client.get("/assets/altcha/altcha.js").headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("max-age=3600"));
		assertThat(client.get("/").headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("no-store"));
	}

	@Test
	void allowsTheConfiguredWebsiteToCallThePublicApi() {
		var preflight = client.send("OPTIONS", "/api/newsletter/subscriptions", null, null, "Origin",
				"https://www.example.org", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
				"content-type,altcha");

		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.example.org");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void allowsEachCommentSiteOnlyItsOwnWebsite() {
		var preflight = client.send("OPTIONS", "/api/comments?site=blog", null, null, "Origin",
				"https://blog.example.org", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
				"content-type,altcha");
		var read = client.get("/api/comments?site=www&post=hallo", "Origin", "https://www.example.org");

		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://blog.example.org");
		assertThat(preflight.headers().firstValue("Content-Length")).hasValue("0");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
				m -> assertThat(m).contains("POST"));
		assertThat(read.statusCode()).as("routed to the (recording) backend").isNotEqualTo(403);
		assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.example.org");
	}

	@Test
	void refusesOneSitesWebsiteForAnotherSitesComments() {
		int before = GatewayTestInfrastructure.RECEIVED.size();
		String[][] refused = { { "https://www.example.org", "/api/comments?site=blog" },
				{ "https://blog.example.org", "/api/comments?site=www&post=hallo" },
				{ "https://blog.example.org", "/api/comments" },
				{ "https://blog.example.org", "/api/comments?site=blog&site=www" },
				{ "https://blog.example.org", "/api/comments?site=unknown" },
				{ "https://blog.example.org", "/api/comments/delete?site=www" },
				{ "https://evil.example", "/api/comments?site=blog" }, { "null", "/api/comments?site=blog" } };
		for (String[] origin : refused) {
			var preflight = client.send("OPTIONS", origin[1], null, null, "Origin", origin[0],
					"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
			var post = client.postJson(origin[1], "{\"site\":\"www\",\"post\":\"hallo\",\"text\":\"Hallo\"}", "Origin",
					origin[0], "X-Forwarded-For", Client.freshAddress());
			var read = client.get(origin[1], "Origin", origin[0]);

			assertThat(preflight.statusCode()).as(origin[0] + " " + origin[1]).isEqualTo(403);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
			assertThat(post.statusCode()).as(origin[0] + " " + origin[1]).isEqualTo(403);
			assertThat(post.body()).contains("forbidden-origin").doesNotContain("evil").doesNotContain("example.org");
			assertThat(read.statusCode()).as(origin[0] + " " + origin[1]).isEqualTo(403);
		}
		assertThat(GatewayTestInfrastructure.RECEIVED).as("nothing refused reached a service").hasSize(before);
	}

	/** An earlier CI run timed out on the first preflight under load: a preflight must wait for nothing. */
	@Test
	void answersCommentPreflightsAtOnceWithoutRoutingThem() {
		int before = GatewayTestInfrastructure.RECEIVED.size();
		long start = System.nanoTime();
		for (int i = 0; i < 200; i++) {
			var preflight = client.send("OPTIONS", "/api/comments?site=www", null, null, "Origin",
					"https://www.example.org", "Access-Control-Request-Method", "POST");
			assertThat(preflight.statusCode()).isEqualTo(200);
		}
		long millisEach = (System.nanoTime() - start) / 1_000_000 / 200;
		assertThat(millisEach).as("ms per preflight").isLessThan(100);
		assertThat(GatewayTestInfrastructure.RECEIVED).hasSize(before);
	}

	@Test
	void letsEveryCommentSitesWebsiteLoadTheScriptAndTheChallenge() {
		var script = client.get("/assets/comments/comments.js", "Origin", "https://blog.example.org");
		var challenge = client.send("OPTIONS", "/api/altcha/challenge?form=comment", null, null, "Origin",
				"https://blog.example.org", "Access-Control-Request-Method", "GET");
		var newsletter = client.send("OPTIONS", "/api/newsletter/subscriptions", null, null, "Origin",
				"https://blog.example.org", "Access-Control-Request-Method", "POST");

		assertThat(script.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://blog.example.org");
		assertThat(challenge.statusCode()).isEqualTo(200);
		assertThat(newsletter.statusCode()).as("a comment site is no form website").isEqualTo(403);
	}

	@Test
	void refusesOtherOriginsAndTheNullOrigin() {
		for (String origin : new String[] { "null", "https://evil.example", "http://www.example.org" }) {
			var preflight = client.send("OPTIONS", "/api/newsletter/subscriptions", null, null, "Origin", origin,
					"Access-Control-Request-Method", "POST");
			var post = client.postJson("/api/newsletter/subscriptions", "{}", "Origin", origin, "X-Forwarded-For",
					Client.freshAddress());

			assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
			assertThat(post.statusCode()).as(origin).isEqualTo(403);
			assertThat(post.body()).contains("forbidden-origin");
		}
	}

	@Test
	void acceptsFormsPostedFromTheGatewaysOwnPublicOriginBehindTheTlsProxy() {
		var confirm = client.postForm("/newsletter/confirm", "token=t", "Origin", "https://forms.example.org",
				"X-Forwarded-For", Client.freshAddress());

		assertThat(confirm.statusCode()).isEqualTo(202);
	}

	@Test
	void refusesTheWebsiteOnPathsThatAreNotThePublicApi() {
		var confirm = client.postForm("/newsletter/confirm", "token=t", "Origin", "https://www.example.org",
				"X-Forwarded-For", Client.freshAddress());

		assertThat(confirm.statusCode()).isEqualTo(403);
	}
}
