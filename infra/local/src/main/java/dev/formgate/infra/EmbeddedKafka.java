package dev.formgate.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), in this JVM. Its log
 * directory survives restarts, so topics and offsets do too.
 */
final class EmbeddedKafka implements AutoCloseable {

	private final Properties config;
	private final String bootstrapServers;
	private KafkaRaftServer server;

	private EmbeddedKafka(Properties config, String bootstrapServers) {
		this.config = config;
		this.bootstrapServers = bootstrapServers;
	}

	static EmbeddedKafka start(Path directory, int port, int controllerPort) throws IOException {
		Files.createDirectories(directory);
		Path logs = directory.resolve("logs");
		Properties config = new Properties();
		config.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"), Map.entry("node.id", "1"),
				Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
				Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"), Map.entry("log.dirs", logs.toString()),
				Map.entry("num.partitions", "3"), Map.entry("auto.create.topics.enable", "true"),
				Map.entry("offsets.topic.replication.factor", "1"),
				Map.entry("offsets.topic.num.partitions", "5"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"),
				// Transport topics: events are facts for consumers, not an archive; a week is plenty locally.
				Map.entry("log.retention.hours", "168")));
		Path properties = directory.resolve("server.properties");
		try (OutputStream out = Files.newOutputStream(properties)) {
			config.store(out, "written by the Formgate local stack");
		}
		format(directory, properties);
		var kafka = new EmbeddedKafka(config, "127.0.0.1:" + port);
		kafka.startBroker();
		return kafka;
	}

	/**
	 * Starts the broker (again) on the same log directory and ports and waits until it answers; topics, offsets and
	 * the producer ids of idempotent producers come back from the log. A no-op while it runs. A new server in the
	 * same JVM starts cleanly (the fault suite restarts it five times; the controller may log one transient
	 * {@code NotControllerException} while it registers itself).
	 */
	synchronized void startBroker() {
		if (server != null) {
			return;
		}
		var started = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
		started.startup();
		server = started;
		awaitReady(Duration.ofSeconds(30));
	}

	/** Stops the broker in order (a controlled shutdown: the log is flushed, nothing acknowledged is lost). */
	synchronized void stopBroker() {
		if (server != null) {
			server.shutdown();
			server.awaitShutdown();
			server = null;
		}
	}

	private static void format(Path directory, Path properties) throws IOException {
		Path clusterIdFile = directory.resolve("cluster.id");
		if (!Files.exists(clusterIdFile)) {
			Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
		}
		String clusterId = Files.readString(clusterIdFile).strip();
		var output = new ByteArrayOutputStream();
		int exit = StorageTool.execute(new String[] { "format", "--config", properties.toString(), "--cluster-id",
				clusterId, "--ignore-formatted" }, new PrintStream(output, true, StandardCharsets.UTF_8));
		if (exit != 0) {
			throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
		}
	}

	private void awaitReady(Duration timeout) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception e) {
			throw new IllegalStateException("Kafka did not come up within " + timeout, e);
		}
	}

	String bootstrapServers() {
		return bootstrapServers;
	}

	@Override
	public void close() {
		stopBroker();
	}
}
