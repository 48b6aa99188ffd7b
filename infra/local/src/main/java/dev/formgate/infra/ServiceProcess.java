package dev.formgate.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Formgate service in its own JVM, started from its jar with the settings users get, its output in a log file; the
 * jar extracted, with the cache of classes its previous start wrote ({@link StartCache}). Separate processes keep the services as independent as in production, and let a test kill one. The
 * benchmark starts its bare applications the same way, with the same JVM options ({@link #startMain}).
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;
	private final int port;
	private final Process process;
	private final Path log;
	private final StartCache.Launch launch;

	/** A random id the process shows in {@code /actuator/info}, to tell it from anything else on its port. */
	private final String instance;

	private ServiceProcess(String name, int port, Process process, Path log, String instance, StartCache.Launch launch) {
		this.instance = instance;
		this.launch = launch;
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, Path logDirectory)
			throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
		}
		return start(name, jar, StartCache.launch(jar), port, environment, logDirectory);
	}

	/**
	 * Another main class of an executable Spring Boot jar than its own (through Boot's {@code PropertiesLauncher}), in
	 * its own JVM with the services' JVM options and environment defaults; {@code PORT} is set to {@code port}.
	 */
	public static ServiceProcess startMain(String name, Path jar, String mainClass, int port,
			Map<String, String> environment, Path logDirectory) throws IOException {
		return start(name, jar, new StartCache.Launch(List.of("-Dloader.main=" + mainClass, "-cp", jar.toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher"), null, null), port, environment,
				logDirectory);
	}

	private static ServiceProcess start(String name, Path jar, StartCache.Launch launch, int port,
			Map<String, String> environment, Path logDirectory) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
		}
		Files.createDirectories(logDirectory);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions());
		command.addAll(launch.arguments());
		Path log = logDirectory.resolve(name + ".log");
		var builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		builder.environment().put("PORT", String.valueOf(port));
		// glibc gives each busy thread its own malloc arena (up to 8 per core), which a JVM mostly leaves half empty:
		// two arenas keep the native part of the resident memory small (bin/bench: see BENCHMARKS.md).
		builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
		String instance = UUID.randomUUID().toString();
		builder.environment().put("MANAGEMENT_INFO_ENV_ENABLED", "true");
		builder.environment().put("INFO_FORMGATE_INSTANCE", instance);
		return new ServiceProcess(name, port, builder.start(), log, instance, launch);
	}

	/**
	 * Small heaps and serial GC: the services are I/O-bound and should fit in little memory. The system property
	 * {@code formgate.service.jvm-options} (space-separated) replaces them, so the benchmark can compare flags.
	 */
	static List<String> jvmOptions() {
		String override = System.getProperty("formgate.service.jvm-options", "").strip();
		if (!override.isEmpty()) {
			return List.of(override.split("\\s+"));
		}
		// C1 only (TieredStopAtLevel=1): no C2 compiler arenas and a smaller code heap, and less CPU at start-up;
		// the heap gives memory back after a collection. Idle RSS ≈ 285 → 215 MiB per service, and a faster start
		// on a busy machine (bin/bench --memory-only, BENCHMARKS.md); throughput is measured with the same flags.
		// Under sustained load the serial collector grows the old generation on promotion up to -Xmx before it
		// collects it in full, so the peak RSS is -Xmx plus what lies outside the heap (class cache, code, threads:
		// NMT in BENCHMARKS.md, "Memory and start"); -Xmx176m keeps that within the target and still holds the live
		// heap of an overload and of a campaign. The image (infra/deploy/docker) has the same heap options.
		return List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx176m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m",
				"-XX:TieredStopAtLevel=1", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
	}

	/**
	 * Waits until the service reports UP on its health endpoint and shows its own instance id (so that another process
	 * that took the port first is not taken for it: this one then fails to bind and exits); fails early if it dies.
	 */
	void awaitHealthy(Instant deadline) {
		awaitAnswer("/actuator/health", "\"UP\"", deadline);
		awaitAnswer("/actuator/info", instance, deadline);
	}

	/** Waits until a GET of {@code path} answers 200 with {@code expected} in its body; fails early if the process dies. */
	public void awaitAnswer(String path, String expected, Instant deadline) {
		URI health = URI.create("http://127.0.0.1:" + port + path);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
			}
			try {
				var response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains(expected)) {
					return;
				}
			}
			catch (IOException e) {
				// not listening yet
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for " + name, e);
			}
			try {
				// Poll again in 200 ms, or at once if the process exits meanwhile.
				process.onExit().get(200, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException | ExecutionException e) {
				// still running: poll again
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for " + name, e);
			}
		}
		throw new IllegalStateException(name + " was not healthy in time; see " + log);
	}

	public long pid() {
		return process.pid();
	}

	public String name() {
		return name;
	}

	public int port() {
		return port;
	}

	public Path log() {
		return log;
	}

	/** Like {@code kill -9}: no shutdown hooks, no flushing, no goodbye to Kafka or MongoDB. Waits until it is gone. */
	void kill() {
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		launch.stopped(false);
	}

	/**
	 * Graceful stop (SIGTERM, Spring shuts down in order), forced after 20 s — after 3 min for a training run, which
	 * writes its class cache on the way out.
	 */
	@Override
	public void close() {
		process.destroy();
		boolean normally = false;
		try {
			normally = process.waitFor(launch.trains() ? 180 : 20, TimeUnit.SECONDS);
			if (!normally) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		launch.stopped(normally);
	}
}
