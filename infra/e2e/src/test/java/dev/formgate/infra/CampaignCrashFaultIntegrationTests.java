package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of one of two newsletter-service instances while they share a campaign (slices of 100 recipients,
 * {@link FaultStack}), once both are seen holding slices of it: the survivor
 * takes over the dead one's slices (its partitions move after the consumer session times out, the slice it was
 * sending once its lease runs out), so every recipient gets the campaign, and only the mails the dead instance had
 * sent but not yet recorded — at most one batch per connection ({@code flush-every} × {@code connections}) — go out a
 * second time, each with the first one's Message-ID.
 */
@Tag("fault")
class CampaignCrashFaultIntegrationTests {

	static final int RECIPIENTS = 3_000;
	static final int RATE = 150;
	static final int CONNECTIONS = 2;
	/** newsletter-service's {@code formgate.newsletter.campaigns.sending.flush-every}. */
	static final int FLUSH_EVERY = 20;
	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void aKilledInstanceOfTwoLosesNoRecipientAndRepeatsAtMostItsBatchInFlight() throws Exception {
		LocalStack stack = FaultStack.get();
		stack.startReplica("newsletter-service", SharedStack.freePort());
		try {
			List<String> recipients = Faults.emails("campaign-crash", RECIPIENTS);
			seed(stack, recipients);
			String token = stack.adminToken(Duration.ofMinutes(30), "newsletter-editor");
			String campaigns = stack.gatewayUrl() + "/api/admin/newsletter/campaigns";
			String draft = JSON.writeValueAsString(Map.of("content", Map.of("de", Map.of("subject",
					"Neues aus dem Rathaus", "body", "Die Bibliothek öffnet am Montag.")), "lists", List.of("news"),
					"rate", RATE, "connections", CONNECTIONS, "archive", false));
			String id = JSON.readTree(expect(201, send(token, "POST", campaigns, draft))).path("id").asString();
			Instant started = Instant.now();
			expect(200, send(token, "POST", campaigns + "/" + id + "/send", ""));

			// Both instances are sending slices of it: then the replica dies.
			Set<String> owners = new HashSet<>();
			try {
				await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
					owners.addAll(sliceOwners(stack, id));
					return owners.size() >= 2 && progress(stack, token, campaigns, id).path("sent").asLong() >= RATE * 3;
				});
			}
			catch (org.awaitility.core.ConditionTimeoutException e) {
				throw new AssertionError("instances seen holding slices: " + owners.size() + ", progress "
						+ progress(stack, token, campaigns, id), e);
			}
			long sentAtKill = progress(stack, token, campaigns, id).path("sent").asLong();
			Instant killedAt = Instant.now();
			stack.killService("newsletter-service-2");

			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
				.until(() -> state(stack, token, campaigns, id).equals("SENT"));
			Instant finished = Instant.now();
			await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
				.until(() -> Faults.count(Faults.mailsByRecipient(stack), recipients).reached() == RECIPIENTS);
			int[] seen = { -1 };
			await().during(Duration.ofSeconds(5)).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					int now = Faults.count(Faults.mailsByRecipient(stack), recipients).duplicates();
					boolean same = now == seen[0];
					seen[0] = now;
					return same;
				});
			Faults.MailCount mails = Faults.count(Faults.mailsByRecipient(stack), recipients);
			JsonNode progress = progress(stack, token, campaigns, id);

			Faults.figures("kill-one-of-two-newsletter-instances", "recipients", RECIPIENTS, "rate", RATE,
					"connections", CONNECTIONS, "sentAtKill", sentAtKill, "reached", mails.reached(), "lost",
					RECIPIENTS - mails.reached(), "duplicateMails", mails.duplicates(),
					"duplicatesWithTheSameMessageId", mails.sameMessageIdTwice(), "countedSent", progress.path("sent"),
					"secondsAfterKill", Faults.seconds(killedAt, finished), "campaignSeconds",
					Faults.seconds(started, finished));
			assertThat(mails.reached()).as("every recipient gets the campaign").isEqualTo(RECIPIENTS);
			assertThat(mails.duplicates()).as("second mails: at most the dead instance's batch in flight")
				.isLessThanOrEqualTo(FLUSH_EVERY * CONNECTIONS);
			assertThat(mails.sameMessageIdTwice()).as("every second mail has the first one's Message-ID")
				.isEqualTo(mails.duplicates());
			// The running count is written after the batch's marks: a kill between the two leaves that batch
			// uncounted until the campaign ends and its figures are settled from the marks, just after it is SENT.
			assertThat(progress.path("sent").asLong()).as("counted, short by at most the batch cut at the kill")
				.isBetween((long) RECIPIENTS - FLUSH_EVERY * CONNECTIONS, (long) RECIPIENTS);
		}
		finally {
			stack.stopService("newsletter-service-2");
			unseed(stack);
		}
	}

	/**
	 * Confirmed subscribers of the list {@code news}, as the service stores them: copies of a real sign-up's document,
	 * each with its own subject and address, confirmed an hour ago.
	 */
	static void seed(LocalStack stack, List<String> recipients) throws Exception {
		String email = Faults.emails("campaign-crash-template", 1).getFirst();
		assertThat(Faults.signUp(stack, email, Faults.client(9, 0)).status()).isEqualTo(202);
		try (MongoClient client = MongoClients.create(stack.mongoUri("formgate-newsletter"))) {
			MongoCollection<Document> subscriptions = client.getDatabase("formgate-newsletter")
				.getCollection("subscriptions");
			String subjectRef = stack.subjectRefs().of(email).value();
			Document template = await().atMost(Duration.ofSeconds(30)).until(
					() -> subscriptions.find(Filters.eq("subjectRef", subjectRef)).first(),
					found -> found != null && found.get("relayDue") == null);
			Date confirmed = Date.from(Instant.now().minus(Duration.ofHours(1)));
			List<Document> documents = new ArrayList<>();
			for (String recipient : recipients) {
				Document s = new Document(template);
				s.put("_id", UUID.randomUUID().toString());
				s.put("subjectRef", stack.subjectRefs().of(recipient).value());
				s.put("email", recipient);
				s.put("state", "ACTIVE");
				s.put("version", 1L);
				s.remove("confirmationTokenHash");
				s.remove("confirmationExpiresAt");
				Document consent = new Document(template.get("consent", Document.class));
				consent.put("confirmedAt", confirmed);
				s.put("consent", consent);
				documents.add(s);
			}
			subscriptions.insertMany(documents, new InsertManyOptions().ordered(false));
		}
	}

	/** The seeded subscribers go again: a later campaign on this stack must not reach them. */
	static void unseed(LocalStack stack) {
		try (MongoClient client = MongoClients.create(stack.mongoUri("formgate-newsletter"))) {
			client.getDatabase("formgate-newsletter").getCollection("subscriptions")
				.deleteMany(Filters.regex("email", "^campaign-crash-"));
		}
	}

	/** The instances holding a slice of the campaign now (each instance's lease owner id). */
	static Set<String> sliceOwners(LocalStack stack, String campaignId) {
		try (MongoClient client = MongoClients.create(stack.mongoUri("formgate-newsletter"))) {
			Set<String> owners = new HashSet<>();
			client.getDatabase("formgate-newsletter").getCollection("campaign_slices")
				.find(Filters.and(Filters.eq("campaignId", campaignId), Filters.ne("owner", null)))
				.forEach(slice -> owners.add(slice.getString("owner")));
			return owners;
		}
	}

	static JsonNode progress(LocalStack stack, String token, String campaigns, String id) throws Exception {
		return JSON.readTree(expect(200, send(token, "GET", campaigns + "/" + id, null))).path("progress");
	}

	static String state(LocalStack stack, String token, String campaigns, String id) throws Exception {
		return JSON.readTree(expect(200, send(token, "GET", campaigns + "/" + id, null))).path("state").asString();
	}

	static HttpResponse<String> send(String token, String method, String url, String json) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return Faults.HTTP.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
	}

	static String expect(int status, HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return response.body();
	}
}
