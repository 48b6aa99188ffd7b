package dev.formgate.infra;

import jakarta.mail.internet.MimeMessage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A visitor of the website through the stack's gateway: public posts with a solved proof of work, each from another
 * documentation address (so no test meets the per-address limit), and the newsletter's double opt-in done as a person
 * does it, with the token from the confirmation mail.
 */
final class Visitor {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final AtomicInteger CLIENTS = new AtomicInteger();
	private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
	private static final Pattern CONFIRM_TOKEN = Pattern.compile("/newsletter/confirm\\?token=([A-Za-z0-9_-]+)");
	private static final Pattern ONE_CLICK_URL = Pattern.compile("<(https?://[^>]+)>");

	private Visitor() {
	}

	static HttpResponse<String> post(LocalStack stack, String path, String contentType, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
			.header("Content-Type", contentType).header("Altcha", ProofOfWork.solvedFor(stack, path))
			.header("X-Forwarded-For", "203.0.113." + (1 + CLIENTS.getAndIncrement() % 250))
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Signs up for the default list in {@code language}; the gateway's answer. */
	static HttpResponse<String> signUp(LocalStack stack, String email, String language) throws Exception {
		return post(stack, "/api/newsletter/subscriptions", "application/json",
				"{\"email\":\"" + email + "\",\"consent\":true,\"language\":\"" + language + "\"}");
	}

	/** Signs up and confirms with the confirmation mail's token: afterwards the subscription is active. */
	static void subscribeAndConfirm(LocalStack stack, String email, String language) throws Exception {
		assertThat(signUp(stack, email, language).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> !stack.mailsTo(email).isEmpty());
		Matcher token = TOKEN.matcher(DevMailServer.text(stack.mailsTo(email).getFirst()));
		assertThat(token.find()).isTrue();
		assertThat(post(stack, "/newsletter/confirm", "application/x-www-form-urlencoded",
				"token=" + token.group(1) + "&lang=" + language).statusCode()).isEqualTo(200);
	}

	/**
	 * Signs up for {@code list} and confirms with the token of the confirmation mail this sign-up brought (the
	 * address may have mails of other lists already); afterwards the subscription is active.
	 */
	static void subscribeAndConfirm(LocalStack stack, String email, String language, String list) throws Exception {
		Set<String> known = confirmationTokens(stack, email);
		assertThat(post(stack, "/api/newsletter/subscriptions", "application/json", "{\"email\":\"" + email
				+ "\",\"consent\":true,\"language\":\"" + language + "\",\"list\":\"" + list + "\"}").statusCode())
			.isEqualTo(202);
		String token = await().atMost(Duration.ofSeconds(30)).until(() -> confirmationTokens(stack, email).stream()
			.filter(t -> !known.contains(t)).findFirst().orElse(null), t -> t != null);
		assertThat(post(stack, "/newsletter/confirm", "application/x-www-form-urlencoded",
				"token=" + token + "&lang=" + language).statusCode()).isEqualTo(200);
	}

	private static Set<String> confirmationTokens(LocalStack stack, String email) throws Exception {
		Set<String> tokens = new HashSet<>();
		for (var mail : stack.mailsTo(email)) {
			Matcher token = CONFIRM_TOKEN.matcher(DevMailServer.text(mail));
			while (token.find()) {
				tokens.add(token.group(1));
			}
		}
		return tokens;
	}

	/**
	 * The RFC 8058 one-click unsubscribe a mailbox provider sends: a POST of {@code List-Unsubscribe=One-Click} to
	 * the HTTPS URL of the mail's {@code List-Unsubscribe} header, without cookies or a proof of work.
	 */
	static HttpResponse<String> oneClickUnsubscribe(MimeMessage mail) throws Exception {
		Matcher url = ONE_CLICK_URL.matcher(mail.getHeader("List-Unsubscribe", null));
		assertThat(url.find()).as("an http(s) URL in List-Unsubscribe").isTrue();
		return HTTP.send(HttpRequest.newBuilder(URI.create(url.group(1)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
