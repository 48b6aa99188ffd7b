package dev.formgate.infra;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace across the processes of the local stack: an admin's call through the gateway, the ledger's outbox, the
 * privacy.requests record, each store's consumer and its answer on privacy.outcomes all carry the caller's trace id.
 */
class TracingIntegrationTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aPrivacyRequestKeepsTheCallersTraceThroughKafkaToEveryStoresAnswer() throws Exception {
		LocalStack stack = SharedStack.get();
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String body = JSON.writeValueAsString(Map.of("type", "ERASURE", "email",
				"traced-" + UUID.randomUUID() + "@example.org", "receivedVia", "EMAIL"));

		var filed = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/admin/privacy-requests"))
			.header("Authorization", "Bearer " + stack.adminToken(Duration.ofMinutes(5), "privacy-admin"))
			.header("Content-Type", "application/json")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
		String id = JSON.readTree(filed.body()).get("id").asString();

		List<ConsumerRecord<byte[], byte[]>> request = await().atMost(Duration.ofSeconds(30))
			.until(() -> about(stack.records("privacy.requests"), id), records -> !records.isEmpty());
		assertThat(traceparent(request.getFirst())).contains(traceId);

		List<ConsumerRecord<byte[], byte[]>> answers = await().atMost(Duration.ofSeconds(60))
			.until(() -> about(stack.records("privacy.outcomes"), id).stream()
				.filter(r -> value(r).contains("newsletter-service") || value(r).contains("contact-service"))
				.toList(), records -> records.size() >= 2);
		assertThat(answers).allSatisfy(answer -> assertThat(traceparent(answer)).as(value(answer)).contains(traceId));
	}

	static List<ConsumerRecord<byte[], byte[]>> about(List<ConsumerRecord<byte[], byte[]>> records, String id) {
		return records.stream().filter(r -> r.value() != null && value(r).contains(id)).toList();
	}

	static String value(ConsumerRecord<byte[], byte[]> record) {
		return new String(record.value(), StandardCharsets.UTF_8);
	}

	static String traceparent(ConsumerRecord<byte[], byte[]> record) {
		var header = record.headers().lastHeader("traceparent");
		return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
	}
}
