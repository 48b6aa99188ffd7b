package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.ProofOfWorkSolver;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A contact request from the demo page to its deletion, through the gateway of the local stack: the visitor posts the
 * form, the staff mail reaches the dev SMTP server with the sender as Reply-To, a contact agent closes the request
 * with a signed token, and the retention job deletes it. The stack runs with a retention of seconds for closed
 * requests ({@link SharedStack#TEST_SETTINGS}), as an operator could configure it; no clock is faked across processes.
 */
class ContactRequestIntegrationTests {

	static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	static final String STAFF_INBOX = "buergerservice@formgate.localhost";
	static final String API = "/api/admin/contact-requests";

	static LocalStack stack;
	static MongoClient mongo;

	@BeforeAll
	static void connect() {
		stack = SharedStack.get();
		mongo = MongoClients.create(stack.mongoUri(""));
	}

	@AfterAll
	static void disconnect() {
		mongo.close();
	}

	@Test
	void visitorWritesStaffAnswersAndClosesAndRetentionDeletesWithoutPersonalDataInEventsOrLogs() throws Exception {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		String email = "contact-e2e-" + marker + "@example.org";
		String name = "Hedwig Beispiel-" + marker;
		String subject = "Sperrmüll-Termin " + marker;
		String message = "Wann wird in der Lindenstraße " + marker + " der Sperrmüll abgeholt?";

		var demo = get("/");
		assertThat(demo.body()).contains("action=\"/api/contact\"").contains("name=\"privacy\"")
			.contains("<option value=\"buergerservice\">");

		Map<String, String> form = new LinkedHashMap<>();
		form.put("language", "de");
		form.put("topic", "buergerservice");
		form.put("name", name);
		form.put("email", email);
		form.put("subject", subject);
		form.put("message", message);
		form.put("privacy", "true");
		form.put("website", "");
		form.put("altcha", ProofOfWorkSolver.solve(get("/api/altcha/challenge?form=contact").body()));
		var accepted = post(form, "Accept", "text/html");
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(accepted.body()).contains("Vielen Dank für Ihre Nachricht");

		MimeMessage staffMail = awaitMail(STAFF_INBOX, marker);
		InternetAddress replyTo = (InternetAddress) staffMail.getReplyTo()[0];
		assertThat(staffMail.getReplyTo()).hasSize(1);
		assertThat(replyTo.getAddress()).isEqualTo(email);
		assertThat(replyTo.getPersonal()).isEqualTo(name);
		assertThat(staffMail.getSubject()).isEqualTo("Kontaktanfrage (Bürgerservice): " + subject);
		assertThat(DevMailServer.text(staffMail)).contains(message);
		String id = staffMail.getHeader("X-Formgate-Request-Id", null);
		MimeMessage acknowledgement = awaitMail(email, id);
		assertThat(DevMailServer.text(acknowledgement)).doesNotContain(marker);

		String agent = "Bearer " + stack.adminToken(Duration.ofMinutes(5), AdminRoles.CONTACT_AGENT);
		assertThat(staff("GET", API + "/" + id, null, null).statusCode()).as("no token").isEqualTo(401);
		assertThat(listedPages(agent)).anyMatch(page -> page.contains("\"id\":\"" + id + "\""));
		for (String state : List.of("IN_PROGRESS", "ANSWERED", "CLOSED")) {
			var moved = staff("PUT", API + "/" + id + "/state", "{\"state\":\"" + state + "\"}", agent);
			assertThat(moved.statusCode()).as(state).isEqualTo(200);
			assertThat(moved.body()).contains("\"state\":\"" + state + "\"");
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> staff("GET", API + "/" + id, null, agent).statusCode() == 404);
		await().atMost(Duration.ofSeconds(30)).until(() -> requests().countDocuments(new Document("_id", id)) == 0);

		List<ConsumerRecord<byte[], byte[]>> events = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			events.clear();
			events.addAll(stack.records("contact.events"));
			return events.stream().anyMatch(r -> text(r).contains(id) && type(r).endsWith(".ContactRequestPurged"));
		});
		assertThat(events.stream().filter(r -> text(r).contains(id)).map(ContactRequestIntegrationTests::type))
			.containsExactly("dev.formgate.contact.ContactRequestReceived", "dev.formgate.contact.ContactRequestClosed",
					"dev.formgate.contact.ContactRequestPurged");
		for (ConsumerRecord<byte[], byte[]> record : events) {
			assertThat(text(record)).doesNotContain(email).doesNotContain("@").doesNotContain(name)
				.doesNotContain(subject).doesNotContain("Lindenstraße").doesNotContain("127.0.0.1");
		}

		try (var logs = Files.list(stack.logDirectory())) {
			for (Path log : logs.filter(l -> !l.getFileName().toString().contains("security")).toList()) {
				assertThat(Files.readString(log)).as(log.getFileName().toString()).doesNotContain(email)
					.doesNotContain(name).doesNotContain(subject).doesNotContain("Lindenstraße");
			}
		}
	}

	@Test
	void badRequestsGetProblemDetailsThroughTheGateway() throws Exception {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("email", "nope");
		form.put("subject", "Hallo\r\nBcc: victim@example.net");
		form.put("altcha", ProofOfWorkSolver.solve(get("/api/altcha/challenge?form=contact").body()));

		var invalid = post(form);

		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(invalid.body()).contains("{\"field\":\"email\",\"code\":\"invalid\"")
			.contains("{\"field\":\"subject\",\"code\":\"invalid\"").contains("{\"field\":\"message\",\"code\":\"required\"")
			.doesNotContain("victim");
	}

	/** The staff list of received requests, page by page (other tests on the shared stack add requests too). */
	private static List<String> listedPages(String agent) throws Exception {
		List<String> pages = new ArrayList<>();
		for (int page = 0; page == 0 || pages.getLast().contains("\"id\":"); page++) {
			var listed = staff("GET", API + "?state=RECEIVED&topic=buergerservice&size=100&page=" + page, null, agent);
			assertThat(listed.statusCode()).isEqualTo(200);
			pages.add(listed.body());
		}
		return pages;
	}

	private static com.mongodb.client.MongoCollection<Document> requests() {
		return mongo.getDatabase("formgate-contact").getCollection("contact_requests");
	}

	private static String text(ConsumerRecord<byte[], byte[]> record) {
		StringBuilder all = new StringBuilder(new String(record.key(), StandardCharsets.UTF_8));
		record.headers().forEach(h -> all.append(h.key()).append(new String(h.value(), StandardCharsets.UTF_8)));
		return all.append(new String(record.value(), StandardCharsets.UTF_8)).toString();
	}

	private static String type(ConsumerRecord<byte[], byte[]> record) {
		var header = record.headers().lastHeader("ce_type");
		return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
	}

	/** The first mail to the address whose text contains the marker. */
	private static MimeMessage awaitMail(String address, String marker) {
		await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(address, marker) != null);
		return mailTo(address, marker);
	}

	private static MimeMessage mailTo(String address, String marker) {
		return stack.mailsTo(address).stream().filter(mail -> text(mail).contains(marker)).findFirst().orElse(null);
	}

	private static String text(MimeMessage mail) {
		try {
			return DevMailServer.text(mail);
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(Map<String, String> fields, String... headers) throws Exception {
		String body = String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "="
				+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
		var builder = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/contact"))
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return HTTP.send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> staff(String method, String path, String json, String authorization)
			throws Exception {
		var builder = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		if (json == null) {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}
}
