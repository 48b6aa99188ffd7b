package dev.formgate.gateway.security;

import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
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
	void allowsTheConfiguredWebsiteToReadAndPostComments() {
		var preflight = client.send("OPTIONS", "/api/comments", null, null, "Origin", "https://www.example.org",
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,altcha");
		var other = client.send("OPTIONS", "/api/comments", null, null, "Origin", "https://evil.example",
				"Access-Control-Request-Method", "GET");

		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.example.org");
		assertThat(other.statusCode()).isEqualTo(403);
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
