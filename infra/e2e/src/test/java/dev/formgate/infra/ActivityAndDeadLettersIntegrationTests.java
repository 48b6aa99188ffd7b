package dev.formgate.infra;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the real stack, through the gateway: sign-ups reach the erasure-service's activity figures over
 * {@code newsletter.events}; a poison record there ends in its dead-letter topic and in the privacy office's list,
 * without the address it carried; each service's dead letters are reachable with the privacy-admin role.
 */
class ActivityAndDeadLettersIntegrationTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();

	static LocalStack stack;

	@BeforeAll
	static void connect() {
		stack = SharedStack.get();
	}

	@Test
	void signUpsAreCountedInTheActivityFigures() throws Exception {
		String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
		String figures = "/api/admin/activity?from=" + today + "&to=" + today;
		long before = requested(get(figures));
		for (int i = 0; i < 3; i++) {
			String json = "{\"email\":\"activity-" + UUID.randomUUID() + "@example.org\",\"consent\":true}";
			var accepted = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/newsletter/subscriptions"))
				.header("Content-Type", "application/json").header("Altcha", ProofOfWork.solved(stack, "newsletter"))
				.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> requested(get(figures)) >= before + 3);
	}

	@Test
	void poisonOnNewsletterEventsIsListedWithoutItsContent() throws Exception {
		String address = "poison-" + UUID.randomUUID() + "@example.org";
		String eventId = UUID.randomUUID().toString();
		try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			var record = new ProducerRecord<>("newsletter.events", bytes("poison"),
					bytes("{\"occurredAt\": " + address + "}"));
			record.headers().add("ce_id", bytes(eventId))
				.add("ce_type", bytes("dev.formgate.newsletter.SubscriptionRequested"))
				.add("ce_specversion", bytes("1.0"));
			producer.send(record).get();
		}

		JsonNode listed = await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/admin/privacy/dead-letters"),
				list -> list.toString().contains(eventId));
		assertThat(listed.toString()).doesNotContain(address).doesNotContain("poison-");
		for (JsonNode item : listed.path("items")) {
			if (item.path("eventId").asString().equals(eventId)) {
				assertThat(item.path("topic").asString()).isEqualTo("error.newsletter.events.erasure-service");
				assertThat(item.path("originalTopic").asString()).isEqualTo("newsletter.events");
			}
		}
		LogAudit.assertNoPersonalData(stack); // nor did any service log the address while retrying and parking it
		assertThat(get("/api/admin/newsletter/dead-letters").has("items")).isTrue();
		assertThat(get("/api/admin/contact/dead-letters").has("items")).isTrue();
	}

	private static long requested(JsonNode figures) {
		return figures.path("totals").path("consentsRequested").asLong();
	}

	private static JsonNode get(String path) throws Exception {
		var answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
			.header("Authorization", "Bearer " + stack.adminToken(Duration.ofMinutes(5), "privacy-admin")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
		return JSON.readTree(answer.body());
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}
}
