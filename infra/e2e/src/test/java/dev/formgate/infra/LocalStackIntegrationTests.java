package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack as a person gets it (real Kafka broker in KRaft mode, mongo-java-server over TCP, GreenMail, each
 * service in its own JVM), driven through the gateway like a browser and a mail client would.
 */
class LocalStackIntegrationTests {

	static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	static final Pattern LINK = Pattern.compile("https?://\\S+");

	static LocalStack stack;
	static LocalStack.Ports ports;
	static MongoClient mongo;

	@BeforeAll
	static void connect() {
		stack = SharedStack.get();
		ports = SharedStack.ports();
		mongo = MongoClients.create(stack.mongoUri(""));
	}

	@AfterAll
	static void disconnect() {
		mongo.close();
	}

	@Test
	void visitorSignsUpConfirmsAndUnsubscribesThroughTheGatewayAndNoEventCarriesTheAddress() throws Exception {
		String email = "e2e-" + UUID.randomUUID() + "@example.org";

		var demo = get(stack.gatewayUrl() + "/", Map.of());
		assertThat(demo.statusCode()).isEqualTo(200);
		assertThat(demo.body()).contains("action=\"/api/newsletter/subscriptions\"").contains("name=\"consent\"");
		assertThat(get(stack.gatewayUrl() + "/en", Map.of()).body()).contains("Subscribe to the newsletter");

		var accepted = postForm(stack.gatewayUrl() + "/api/newsletter/subscriptions",
				Map.of("email", email, "consent", "true", "language", "de", "formId", "demo", "list", "news"),
				Map.of("Accept", "text/html", "X-Forwarded-For", "6.6.6.6, 203.0.113.5"));
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(accepted.body()).contains("Fast geschafft");

		MimeMessage confirmation = awaitMail(email, 1);
		String confirmLink = firstLink(confirmation);
		assertThat(confirmLink).startsWith(stack.gatewayUrl() + "/newsletter/confirm?token=");
		var page = get(confirmLink, Map.of());
		assertThat(page.body()).contains("<button type=\"submit\">Anmeldung bestätigen</button>");
		assertThat(subscription(email)).containsEntry("state", "PENDING");

		var confirmed = postForm(stack.gatewayUrl() + "/newsletter/confirm",
				Map.of("token", confirmLink.replaceAll(".*token=([^&]+).*", "$1"), "lang", "de"), Map.of());
		assertThat(confirmed.body()).contains("Vielen Dank");
		Document active = subscription(email);
		assertThat(active).containsEntry("state", "ACTIVE");
		assertThat(active.get("consent", Document.class).getString("consentTextSha256"))
			.as("the consent proof names the text the demo page showed next to the checkbox")
			.isEqualTo(sha256(consentTextOn(demo.body())));
		assertThat(active.get("consent", Document.class).getString("requestIp"))
			.as("the gateway believes only the hop its one trusted proxy added, never the left-most entry")
			.isEqualTo("203.0.113.5");

		MimeMessage welcome = awaitMail(email, 2);
		String header = welcome.getHeader("List-Unsubscribe", null);
		assertThat(welcome.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		var oneClick = HTTP.send(HttpRequest.newBuilder(URI.create(header.substring(1, header.length() - 1)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(oneClick.statusCode()).isEqualTo(200);
		Document ended = subscription(email);
		assertThat(ended).containsEntry("state", "UNSUBSCRIBED").doesNotContainKey("email");

		List<ConsumerRecord<byte[], byte[]>> events = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			events.clear();
			events.addAll(stack.records("newsletter.events"));
			return events.stream().anyMatch(r -> type(r).endsWith(".Unsubscribed"));
		});
		String key = new String(events.stream().filter(r -> type(r).endsWith(".Unsubscribed")).findFirst()
			.orElseThrow().key(), StandardCharsets.UTF_8);
		assertThat(events.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key)).map(this::type))
			.containsExactly("dev.formgate.newsletter.SubscriptionRequested",
					"dev.formgate.newsletter.SubscriptionConfirmed", "dev.formgate.newsletter.Unsubscribed");
		// Every record a service published (test-injected poison, which carries no ce_source, is another test's case).
		var published = events.stream().filter(r -> r.headers().lastHeader("ce_source") != null).toList();
		for (ConsumerRecord<byte[], byte[]> record : published) {
			StringBuilder everything = new StringBuilder(new String(record.key(), StandardCharsets.UTF_8))
				.append(new String(record.value(), StandardCharsets.UTF_8));
			record.headers().forEach(h -> everything.append(h.key()).append(new String(h.value(), StandardCharsets.UTF_8)));
			assertThat(everything.toString()).doesNotContain(email).doesNotContain("@").doesNotContain("203.0.113.5");
		}

		String token = confirmLink.replaceAll(".*token=([^&]+).*", "$1");
		String unsubscribeToken = header.replaceAll(".*token=([^&>]+).*", "$1");
		try (var logs = Files.list(stack.logDirectory())) {
			for (Path log : logs.toList()) {
				String text = Files.readString(log);
				String name = log.getFileName().toString();
				assertThat(text).as(name).doesNotContain(email).doesNotContain(token).doesNotContain(unsubscribeToken);
				if (!name.endsWith("-security.log")) {
					assertThat(text).as(name + " holds addresses only anonymised").doesNotContain("203.0.113.5");
				}
			}
		}
		assertThat(Files.readString(stack.logDirectory().resolve("gateway-security.log")))
			.as("the security log keeps the full address for abuse investigation").contains("ip=203.0.113.5");
	}

	@Test
	void devInboxShowsTheMailsWithClickableLinks() throws Exception {
		String email = "inbox-" + UUID.randomUUID() + "@example.org";
		postJson(stack.gatewayUrl() + "/api/newsletter/subscriptions",
				"{\"email\":\"" + email + "\",\"consent\":true,\"language\":\"en\"}");
		awaitMail(email, 1);

		var inbox = get("http://localhost:" + ports.inbox() + "/", Map.of());
		assertThat(inbox.body()).contains(email).contains("Please confirm your subscription");
		int index = stack.mails().size() - 1;
		var mail = get("http://localhost:" + ports.inbox() + "/messages/" + index, Map.of());
		assertThat(mail.body()).contains("<a href=\"" + stack.gatewayUrl() + "/newsletter/confirm?token=");
	}

	@Test
	void gatewayAnswersProblemDetailsForBadSignUps() throws Exception {
		var invalid = postJson(stack.gatewayUrl() + "/api/newsletter/subscriptions", "{\"email\":\"nope\"}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(invalid.body()).contains("\"field\":\"email\"").contains("\"field\":\"consent\"");

		var tooLarge = postJson(stack.gatewayUrl() + "/api/newsletter/subscriptions",
				"{\"email\":\"a@example.org\",\"consent\":true,\"pad\":\"" + "x".repeat(40_000) + "\"}");
		assertThat(tooLarge.statusCode()).isEqualTo(413);

		var wrongType = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/newsletter/subscriptions"))
			.header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(wrongType.statusCode()).isEqualTo(415);
	}

	private Document subscription(String email) {
		var all = mongo.getDatabase("formgate-newsletter").getCollection("subscriptions");
		// The test does not know the pepper; the address is stored until the subscription ends.
		Document found = all.find(new Document("email", email)).first();
		if (found != null) {
			lastSeenId = found.getString("_id");
			return found;
		}
		return all.find(new Document("_id", lastSeenId)).first();
	}

	private String lastSeenId;

	private static String consentTextOn(String page) {
		Matcher text = Pattern.compile("id=\"newsletter-consent\"[^>]*>\\s*<span>([^<]+)</span>").matcher(page);
		assertThat(text.find()).as("consent text next to the checkbox").isTrue();
		return text.group(1);
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private String type(ConsumerRecord<byte[], byte[]> record) {
		var header = record.headers().lastHeader("ce_type");
		return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static MimeMessage awaitMail(String address, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> stack.mailsTo(address).size() >= count);
		return stack.mailsTo(address).get(count - 1);
	}

	private static String firstLink(MimeMessage message) throws Exception {
		String body = DevMailServer.text(message);
		Matcher m = LINK.matcher(body);
		assertThat(m.find()).isTrue();
		return m.group();
	}

	private static HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create(url));
		headers.forEach(builder::header);
		return HTTP.send(builder.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts as the demo page's widget would: with a freshly solved proof-of-work challenge. */
	private static HttpResponse<String> postJson(String url, String json) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
			.header("Altcha", ProofOfWork.solvedFor(stack, url)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> postForm(String url, Map<String, String> fields, Map<String, String> headers)
			throws Exception {
		String body = String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "="
				+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
		var builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
			.header("Altcha", ProofOfWork.solvedFor(stack, url));
		headers.forEach(builder::header);
		return HTTP.send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
