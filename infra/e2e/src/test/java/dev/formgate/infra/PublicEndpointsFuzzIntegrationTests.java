package dev.formgate.infra;

import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generated hostile input against the public endpoints of the real stack, through the gateway with a solved proof of
 * work: no answer is a 5xx, a MongoDB operator in place of a value is refused before it can reach a query, no CR/LF
 * reaches the header of any mail the SMTP server received, and no value posted reaches a log.
 */
class PublicEndpointsFuzzIntegrationTests {

	static final LocalStack STACK = SharedStack.get();
	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();
	static final AtomicInteger CLIENTS = new AtomicInteger();
	static final List<String> FIELDS = List.of("email", "consent", "list", "language", "formId", "website");

	@Provide
	Arbitrary<String> hostileText() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(120),
				Arbitraries.strings().withChars("ab@.\r\n:;<>\"%\\$").ofMaxLength(60),
				Arbitraries.of("fuzz@example.org\r\nBcc: injected@evil.example",
						"fuzz@example.org\nSubject: injected", "fuzz@example.org%0d%0aBcc:injected@evil.example",
						"\"injected\r\nBcc: injected@evil.example\" <fuzz@example.org>", "fuzz@example.org\u0000",
						"<script>alert(1)</script>@example.org", "ﬁ@ｅxample.org", "a".repeat(300) + "@example.org",
						"$where", "{\"$ne\":null}", "on", "true", "de", "en", "news", "fuzz@example.org",
						"Fuzz <fuzz@example.org>"));
	}

	@Provide
	Arbitrary<Object> anyJsonValue() {
		return Arbitraries.oneOf(hostileText().map(s -> (Object) s), Arbitraries.of(true, false).map(b -> (Object) b),
				Arbitraries.integers().map(i -> (Object) i), Arbitraries.just(null), operator());
	}

	@Provide
	Arbitrary<Object> operator() {
		return Arbitraries.of("$ne", "$gt", "$regex", "$where", "$exists", "$in")
			.map(op -> (Object) Map.of(op, op.equals("$in") ? List.of("x") : ""));
	}

	@Property(tries = 150)
	void signUpAsJsonNeverFailsOnTheServer(@ForAll("anyJsonValue") Object email,
			@ForAll("anyJsonValue") Object consent, @ForAll("anyJsonValue") Object list,
			@ForAll("anyJsonValue") Object language, @ForAll("anyJsonValue") Object formId) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("email", email);
		body.put("consent", consent);
		body.put("list", list);
		body.put("language", language);
		body.put("formId", formId);

		var answer = post("/api/newsletter/subscriptions", "application/json", JSON.writeValueAsString(body));

		assertThat(answer.statusCode()).as(answer.body()).isIn(202, 400);
		if (body.values().stream().anyMatch(Map.class::isInstance)) {
			assertThat(answer.statusCode()).as("an operator object instead of a value").isEqualTo(400);
		}
	}

	@Property(tries = 150)
	void signUpAsFormNeverFailsOnTheServer(@ForAll("hostileText") String email, @ForAll("hostileText") String consent,
			@ForAll("hostileText") String language, @ForAll("hostileText") String formId) throws Exception {
		String form = Map.of("email", email, "consent", consent, "language", language, "formId", formId).entrySet()
			.stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));

		var answer = post("/api/newsletter/subscriptions", "application/x-www-form-urlencoded", form);

		assertThat(answer.statusCode()).as(answer.body()).isIn(202, 400);
	}

	@Property(tries = 150)
	void contactRequestAsJsonNeverFailsOnTheServer(@ForAll("anyJsonValue") Object name,
			@ForAll("anyJsonValue") Object email, @ForAll("anyJsonValue") Object subject,
			@ForAll("anyJsonValue") Object message, @ForAll("anyJsonValue") Object privacy) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("email", email);
		body.put("topic", "buergerservice");
		body.put("subject", subject);
		body.put("message", message);
		body.put("privacy", privacy);

		var answer = post("/api/contact", "application/json", JSON.writeValueAsString(body));

		assertThat(answer.statusCode()).as(answer.body()).isIn(202, 400);
		if (body.values().stream().anyMatch(Map.class::isInstance)) {
			assertThat(answer.statusCode()).as("an operator object instead of a value").isEqualTo(400);
		}
	}

	/**
	 * Form bodies as a broken or hostile client writes them, not as an encoder would: bytes that are not UTF-8 once
	 * percent-decoded, bad escapes, bracketed and repeated names. Every value carries {@link LogAudit#POSTED}.
	 */
	@Provide
	Arbitrary<String> rawForm() {
		Arbitrary<String> name = Arbitraries.of("email", "consent", "list", "email%5B%24ne%5D", "x%5B0%5D",
				"consent%5B%5D", "%FFname", "language");
		Arbitrary<String> value = Arbitraries.of("%FF", "%C3", "%E2%80%AE", "%C0%AF", "%", "%G1", "%00", "on",
				"a%40example.org", "%E2%80%8B").list().ofMaxSize(4).map(parts -> LogAudit.POSTED + String.join("", parts));
		return Combinators.combine(name, value).as((n, v) -> n + "=" + v).list().ofMinSize(1).ofMaxSize(6)
			.map(fields -> String.join("&", fields));
	}

	@Property(tries = 100)
	void rawFormsNeverFailOnTheServerNorEchoWhatWasSent(@ForAll("rawForm") String body) throws Exception {
		for (String path : List.of("/api/newsletter/subscriptions", "/api/contact")) {
			var answer = post(path, "application/x-www-form-urlencoded", body);

			assertThat(answer.statusCode()).as(body).isIn(202, 400);
			assertThat(answer.body()).as(body).doesNotContain(LogAudit.POSTED);
		}
	}

	@Property(tries = 100)
	void tokenPagesNeverFailOnTheServer(@ForAll("hostileText") String token, @ForAll("hostileText") String lang)
			throws Exception {
		String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&lang="
				+ URLEncoder.encode(lang, StandardCharsets.UTF_8);

		assertThat(post("/newsletter/confirm", "application/x-www-form-urlencoded", form).statusCode()).isLessThan(500);
		assertThat(post("/newsletter/unsubscribe", "application/x-www-form-urlencoded", form).statusCode())
			.isLessThan(500);
	}

	@AfterContainer
	static void noHeaderOfAnyReceivedMailCarriesInjectedText() {
		// Mails go out asynchronously: wait until the server has been quiet for a moment, then read every header.
		AtomicInteger seen = new AtomicInteger(-1);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
			.until(() -> seen.getAndSet(STACK.mails().size()) == STACK.mails().size());
		for (MimeMessage mail : STACK.mails()) {
			for (Header header : headers(mail)) {
				assertThat(header.getName()).isNotEqualToIgnoringCase("Bcc");
				assertThat(header.getValue()).doesNotContain("injected").doesNotContain("evil.example");
			}
		}
		// jqwik runs apart from the other end-to-end classes, so it audits the logs of its own input too.
		LogAudit.assertNoPersonalData(STACK);
	}

	private static List<Header> headers(MimeMessage mail) {
		try {
			return new ArrayList<>(Collections.list(mail.getAllHeaders()));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
		int n = CLIENTS.incrementAndGet();
		// Each try from its own /24, so the gateway's rate limits never decide the answer.
		String client = "10." + (n / 256 % 256) + "." + (n % 256) + ".1";
		return HTTP.send(HttpRequest.newBuilder(URI.create(STACK.gatewayUrl() + path))
			.header("Content-Type", contentType)
			.header("X-Forwarded-For", client)
			.header("Altcha", ProofOfWork.solvedFor(STACK, path))
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}
}
