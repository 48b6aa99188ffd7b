package dev.formgate.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.formgate.infra.LogAudit.POSTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The black-box probe's inputs, through the gateway to the services on the real stack: each gets its 4xx problem
 * (API clients) or page (browsers), never a 500 or an echo, and no value posted reaches any service's log. Every value
 * meant to be refused carries {@link LogAudit#POSTED}.
 */
class ProbeInputsIntegrationTests {

	static final LocalStack STACK = SharedStack.get();
	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final AtomicInteger CLIENTS = new AtomicInteger(1000);
	static final String FORM = "application/x-www-form-urlencoded";
	static final String API = "application/json";
	static final String BROWSER = "text/html";

	@AfterAll
	static void noPostedValueReachedALog() {
		LogAudit.assertNoPersonalData(STACK);
	}

	@Test
	void refusesFormsThatAreNotUtf8WithAProblemOrAPage() throws Exception {
		String signUp = "email=" + POSTED + "%FF%40example.org&consent=on";
		String contact = contactForm("probe-latin1") + "&name=J%FCrgen-" + POSTED;

		for (String accept : new String[] { API, BROWSER }) {
			assertRefused(post("/api/newsletter/subscriptions", signUp, accept), 400, accept);
			assertRefused(post("/api/contact", contact, accept), 400, accept);
		}
		assertRefused(post("/newsletter/confirm", "token=" + POSTED + "%FF&lang=de", BROWSER), 400, BROWSER);
		assertRefused(post("/newsletter/unsubscribe?token=" + POSTED + "%FF", "List-Unsubscribe=One-Click", API),
				400, API);
	}

	@Test
	void ignoresBracketedFieldsAndRefusesAFieldSentTwice() throws Exception {
		var operator = post("/api/newsletter/subscriptions", "email%5B%24ne%5D=" + POSTED + "&consent=on", API);
		var twice = post("/api/newsletter/subscriptions",
				"email=probe-twice%40example.org&email=" + POSTED + "%40example.org&consent=on", API);
		var extras = post("/api/contact", contactForm("probe-extras") + "&name=Erika&x%5B0%5D=1&submit=Senden", API);

		assertRefused(operator, 400, API);
		assertThat(operator.body()).contains("{\"field\":\"email\",\"code\":\"required\"").doesNotContain("$ne");
		assertRefused(twice, 400, API);
		assertThat(twice.body()).contains("{\"field\":\"email\",\"code\":\"duplicate\"");
		assertThat(extras.statusCode()).as("fields the form does not have are ignored").isEqualTo(202);
	}

	@Test
	void refusesFormatCharactersAndLookAlikeAddresses() throws Exception {
		var override = post("/api/contact", contactForm("probe-bidi").replace("subject=Frage", "subject="
				+ encode("Rechnung\u202E" + POSTED + "fdp.exe")), API);
		var zeroWidth = post("/api/newsletter/subscriptions", "email=" + encode(POSTED + "\u200B@example.org")
				+ "&consent=on", API);
		var lookAlike = post("/api/newsletter/subscriptions", "email=" + encode("p\u0430ypal-" + POSTED + "@example.org")
				+ "&consent=on", API);

		assertRefused(override, 400, API);
		assertThat(override.body()).contains("{\"field\":\"subject\",\"code\":\"invalid\"");
		assertRefused(zeroWidth, 400, API);
		assertRefused(lookAlike, 400, API);
		assertThat(lookAlike.body()).contains("mixes writing systems");
	}

	@Test
	void staffListRefusesAnAgeBeyondAnyRequestAndNamesWhatDidNotConvert() throws Exception {
		var age = staff("/api/admin/contact-requests?olderThan=P1000000000000D");
		var page = staff("/api/admin/contact-requests?page=" + POSTED);

		assertRefused(age, 400, API);
		assertThat(age.body()).contains("{\"field\":\"olderThan\",\"code\":\"invalid\"").doesNotContain("1000000000000");
		assertRefused(page, 400, API);
		assertThat(page.body()).contains("{\"field\":\"page\",\"code\":\"invalid\",\"detail\":\"A whole number.\"}");
	}

	/** A 4xx problem for API clients, a page for browsers; neither says what was sent. */
	static void assertRefused(HttpResponse<String> answer, int status, String accept) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type").orElse(""))
			.startsWith(accept.equals(BROWSER) ? "text/html" : "application/problem+json");
		assertThat(answer.body()).doesNotContain(POSTED).doesNotContainIgnoringCase("exception");
		if (accept.equals(API)) {
			assertThat(answer.body()).startsWith("{\"type\":\"https://formgate.dev/problems/");
		}
	}

	static String contactForm(String sender) {
		return "email=" + sender + "%40example.org&topic=buergerservice&subject=Frage&message=Hallo&privacy=on";
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static HttpResponse<String> post(String path, String form, String accept) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(STACK.gatewayUrl() + path)).header("Content-Type", FORM)
			.header("Accept", accept).header("X-Forwarded-For", client());
		if (path.startsWith("/api/")) {
			request.header("Altcha", ProofOfWork.solvedFor(STACK, path));
		}
		return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> staff(String pathAndQuery) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(STACK.gatewayUrl() + pathAndQuery)).header("Accept", API)
			.header("Authorization", "Bearer " + STACK.adminToken(Duration.ofMinutes(5), "contact-agent"))
			.header("X-Forwarded-For", client()).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Each request from its own /24, so the gateway's rate limits never decide the answer. */
	static String client() {
		int n = CLIENTS.incrementAndGet();
		return "10." + (n / 256 % 256) + "." + (n % 256) + ".7";
	}
}
