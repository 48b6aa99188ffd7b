package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data-subject rights on the real stack, filed by a privacy admin through the gateway with a signed token: a
 * request is done only when every registered store has answered, and after an erasure no database, topic or log
 * holds the person's address, name or message any more.
 */
class DataSubjectRightsIntegrationTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();
	static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
	static final Set<String> ANSWERING_STORES = Set.of("newsletter-service", "contact-service", "comment-service");
	static final AtomicInteger CLIENTS = new AtomicInteger();

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
	void erasureReachesEveryStoreAndLeavesNoTraceInDatabasesTopicsOrLogs() throws Exception {
		Person person = Person.fresh("erase");
		subscribeAndConfirm(person.email());
		writeContactRequest(person, "Erster Antrag");
		writeContactRequest(person, "Zweiter Antrag");
		await().atMost(Duration.ofSeconds(30)).until(() -> staffMailsAbout(person) == 2);
		assertThat(everyDatabase()).as("stored before the erasure").contains(person.email().toLowerCase(Locale.ROOT));

		String id = file("ERASURE", person.email());
		JsonNode done = awaitFinished(id);

		assertThat(done.get("state").asString()).isEqualTo("COMPLETED");
		Map<String, String> outcomes = outcomes(done);
		assertThat(outcomes).containsEntry("newsletter-service", "ERASED").containsEntry("contact-service", "ERASED");
		assertThat(outcomes.keySet()).containsAll(ANSWERING_STORES);

		String databases = everyDatabase();
		String topics = everyTopic();
		for (String trace : person.traces()) {
			assertThat(databases).as("every MongoDB database").doesNotContain(trace);
			assertThat(topics).as("every Kafka topic").doesNotContain(trace);
		}
		BlackBoxScan.everyLog(stack).forEach((log, text) -> person.traces()
			.forEach(trace -> assertThat(text).as(log).doesNotContain(trace)));

		var receipt = admin("GET", "/api/admin/privacy-requests/" + id + "/receipt", null);
		assertThat(receipt.statusCode()).isEqualTo(200);
		assertThat(receipt.body().toLowerCase(Locale.ROOT)).doesNotContain(person.traces().get(0))
			.doesNotContain(person.traces().get(1)).doesNotContain("subjectref").doesNotContain("@");
		assertThat(JSON.readTree(receipt.body()).get("outcomes")).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void aStoreThatIsDownDuringTheFanOutAnswersWhenItIsBack() throws Exception {
		Person person = Person.fresh("down");
		writeContactRequest(person, "Antrag");
		await().atMost(Duration.ofSeconds(30)).until(() -> staffMailsAbout(person) == 1);

		stack.stopService("contact-service");
		String id;
		try {
			id = file("ERASURE", person.email());
			await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(request(id)).containsKey("newsletter-service"));
			assertThat(request(id).get("state").asString()).isEqualTo("IN_PROGRESS");
		}
		finally {
			stack.startService("contact-service");
		}

		JsonNode done = awaitFinished(id);
		assertThat(done.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(outcomes(done)).containsEntry("contact-service", "ERASED")
			.containsEntry("newsletter-service", "NOTHING_FOUND");
		assertThat(everyDatabase()).doesNotContain(person.traces().get(2));
	}

	@Test
	void accessExportHoldsTheSubscriptionWithItsConsentProofAndTheContactRequestsAndNothingOfAnotherSubject()
			throws Exception {
		Person person = Person.fresh("access");
		Person other = Person.fresh("other");
		subscribeAndConfirm(person.email());
		writeContactRequest(person, "Erster Antrag");
		writeContactRequest(person, "Zweiter Antrag");
		writeContactRequest(other, "Fremder Antrag");

		String id = file("ACCESS", person.email());
		JsonNode done = awaitFinished(id);
		assertThat(done.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(outcomes(done)).containsEntry("newsletter-service", "EXPORTED")
			.containsEntry("contact-service", "EXPORTED");

		var export = admin("GET", "/api/admin/privacy-requests/" + id + "/export", null);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		String body = export.body();
		assertThat(body).contains(person.email()).contains(person.message()).contains("Erster Antrag")
			.contains("Zweiter Antrag").containsIgnoringCase("consent").contains("Art. 6(1)");
		assertThat(body).doesNotContain(other.email()).doesNotContain(other.message());
		assertThat(everyTopic()).as("the export crossed Kafka sealed").doesNotContain(person.traces().get(2));
	}

	@Test
	void theRecordOfProcessingListsEveryStoreWithPurposeAndLegalBasis() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			var inventory = admin("GET", "/api/admin/inventory", null);
			return inventory.statusCode() == 200 && inventory.body().contains("newsletter-service")
					&& inventory.body().contains("contact-service") && inventory.body().contains("gateway")
					&& inventory.body().contains("erasure-service");
		});
		// The API answers JSON; the console renders it as a page (docs/privacy.md).
		JsonNode record = JSON.readTree(admin("GET", "/api/admin/inventory", null).body());
		for (JsonNode store : record.get("stores")) {
			for (JsonNode category : store.get("categories")) {
				assertThat(category.get("legalBasis").asString()).as(store.get("store").asString()).contains("Art. 6");
				assertThat(category.get("purpose").asString()).isNotBlank();
			}
		}
	}

	private static long staffMailsAbout(Person person) throws Exception {
		long count = 0;
		for (var mail : stack.mailsTo("buergerservice@formgate.localhost")) {
			count += DevMailServer.text(mail).contains(person.message()) ? 1 : 0;
		}
		return count;
	}

	private void subscribeAndConfirm(String email) throws Exception {
		var signUp = post("/api/newsletter/subscriptions", "application/json",
				"{\"email\":\"" + email + "\",\"consent\":true,\"language\":\"de\"}");
		assertThat(signUp.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> !stack.mailsTo(email).isEmpty());
		Matcher token = TOKEN.matcher(DevMailServer.text(stack.mailsTo(email).getFirst()));
		assertThat(token.find()).isTrue();
		var confirmed = post("/newsletter/confirm", "application/x-www-form-urlencoded",
				"token=" + token.group(1) + "&lang=de");
		assertThat(confirmed.statusCode()).isEqualTo(200);
	}

	private void writeContactRequest(Person person, String subject) throws Exception {
		String body = JSON.writeValueAsString(Map.of("topic", "buergerservice", "name", person.name(), "email",
				person.email(), "subject", subject, "message", person.message() + " " + subject, "privacy", true));
		assertThat(post("/api/contact", "application/json", body).statusCode()).isEqualTo(202);
	}

	private String file(String type, String email) throws Exception {
		var filed = admin("POST", "/api/admin/privacy-requests", JSON.writeValueAsString(Map.of("type", type,
				"email", email, "receivedVia", "EMAIL", "note", "e2e")));
		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
		return JSON.readTree(filed.body()).get("id").asString();
	}

	private JsonNode request(String id) throws Exception {
		return JSON.readTree(admin("GET", "/api/admin/privacy-requests/" + id, null).body());
	}

	private JsonNode awaitFinished(String id) {
		await().atMost(Duration.ofSeconds(90)).until(() -> Set.of("COMPLETED", "PARTIAL", "FAILED")
			.contains(request(id).get("state").asString()));
		try {
			return request(id);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static Map<String, String> outcomes(JsonNode request) {
		Map<String, String> outcomes = new TreeMap<>();
		for (JsonNode store : request.get("stores")) {
			if (store.hasNonNull("outcome")) {
				outcomes.put(store.get("store").asString(), store.get("outcome").asString());
			}
		}
		return outcomes;
	}

	private String everyDatabase() {
		return BlackBoxScan.everyDatabase(mongo);
	}

	private String everyTopic() throws Exception {
		return BlackBoxScan.everyTopic(stack);
	}

	private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
			.header("Content-Type", contentType).header("Altcha", ProofOfWork.solvedFor(stack, path))
			.header("X-Forwarded-For", "192.0.2." + (1 + CLIENTS.getAndIncrement() % 250))
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> admin(String method, String path, String json) throws Exception {
		return Staff.privacyAdmin(stack, method, path, json);
	}
}
