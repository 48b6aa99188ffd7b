package dev.formgate.infra;

import dev.formgate.infra.bench.Benchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness of {@code bin/bench} in its smoke mode, a second or so per stage on the shared stack: proves
 * that every stage runs and every figure lands in both reports. How fast anything is, is not its business.
 */
class BenchmarkHarnessIntegrationTests {

	@Test
	void writesEveryFigureToTheMarkdownAndJsonReports(@TempDir Path out) throws Exception {
		var benchmark = new Benchmark(Benchmark.Mode.SMOKE);
		benchmark.runOn(SharedStack.get(), Benchmark.Store.MEMORY, null);
		benchmark.skip(Benchmark.Store.FILE, "smoke test: one shared in-memory stack");
		benchmark.write(out);

		String markdown = Files.readString(out.resolve("results.md"));
		String json = Files.readString(out.resolve("results.json"));
		assertThat(benchmark.rowIds()).doesNotHaveDuplicates().contains("ceiling.bare-webflux", "ceiling.bare-mvc",
				"ceiling.bare-gateway-route", "gateway.alone", "service.cheapest-call", "gateway.cheapest-routed-call",
				"gateway.no-op-route", "route.overhead", "route.overhead.cpu", "gateway.cheapest-routed-call.cpu",
				"ceiling.bare-gateway-route.cpu", "ceiling.memory.bare-mvc-insert", "ceiling.memory.mongo-insert",
				"ceiling.kafka-produce", "ceiling.kafka-produce-sync", "ceiling.smtp-one-connection",
				"store.memory.writes-per-sign-up", "store.memory.round-trips-per-sign-up",
				"ceiling.memory.sign-up-store-bound", "intake.memory.cpu-per-sign-up",
				"ceiling.memory.sign-up-cpu-bound", "intake.memory.served", "intake.memory.half.p99",
				"relay.memory.mails-per-second", "relay.drain.mails-per-second", "intake.file.served", "confirmation.p50",
				"confirmation.p99", "confirmation.cpu-per-sign-up", "ceiling.smtp-4-connections",
				"ceiling.smtp-4-connections.cpu", "campaign.mails-per-second", "campaign.cpu-per-mail",
				"campaign.harness-cpu-per-mail", "campaign.recipients-missing", "campaign.recipients-twice",
				"campaign.heap-growth",
				"campaign.scan-reads-per-recipient", "erasure.small.p99", "erasure.large.p99", "erasure.ratio",
				"store.memory.scan-reads-per-sign-up", "erasure.small.scan-reads", "erasure.large.scan-reads",
				"store.memory.idle-scan-reads", "rss.bare.idle.bare-mvc",
				"rss.memory.idle.gateway", "rss.memory.load.newsletter-service", "start.memory", "start.file");
		for (String id : benchmark.rowIds()) {
			assertThat(markdown).contains("`" + id + "`");
			assertThat(json).contains("\"id\": \"" + id + "\"");
		}
		JsonNode report = JsonMapper.builder().build().readTree(json);
		assertThat(report.get("machine").propertyNames()).contains("cores", "commit", "JVM", "date");
		// The ceilings, the gateway's figures, the store's count and memory are measured even in smoke mode: the
		// harness reached every part of the stack and every bare application.
		for (JsonNode row : report.get("rows")) {
			String id = row.get("id").asString();
			if (id.startsWith("ceiling.memory") || id.startsWith("ceiling.bare") || id.startsWith("ceiling.kafka")
					|| id.startsWith("ceiling.smtp") || id.startsWith("gateway.") || id.startsWith("store.memory")
					|| id.startsWith("rss.memory") || id.startsWith("rss.bare")) {
				assertThat(row.get("value").isNumber()).as(id).isTrue();
			}
		}
		// The smoke campaign's 200 recipients each got it once, and its heap was read.
		assertThat(benchmark.value("campaign.recipients-missing")).isZero();
		assertThat(benchmark.value("campaign.recipients-twice")).isZero();
		assertThat(benchmark.value("campaign.heap-growth")).isFinite();
		// A sign-up writes at least its subscription and its used proof-of-work solution.
		assertThat(benchmark.value("store.memory.writes-per-sign-up")).isGreaterThanOrEqualTo(2);
		// Each of the targets has its line, met or not, beside the figure it is read from.
		assertThat(report.get("targets")).hasSizeGreaterThanOrEqualTo(8);
		assertThat(markdown).contains("## Targets");
	}
}
