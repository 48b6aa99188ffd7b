package dev.formgate.infra.bench;

import dev.formgate.infra.LocalStack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bin/bench [--quick|--smoke] [--out DIR] [--memory-only] [--store memory|file] [--stages …]
 * [--campaign-size N] [--campaign-seconds S]}: starts the local stack with the in-memory store,
 * measures, stops it, does the same with the file-backed store, and writes {@code results.md} and
 * {@code results.json} to the output directory (default {@code target/bench}). With {@code --memory-only} it only
 * starts each stack and reads the start time and the services' idle memory (to compare JVM options).
 */
public final class BenchmarkMain {

	/**
	 * As {@code bin/run}, except: the gateway trusts one proxy (the load generator), which names a different client
	 * address for each sign-up, so the per-address and per-network limits stay as configured and never bite; and the
	 * proof of work stays on at the lowest difficulty the gateway accepts (1000), since its server-side check costs
	 * the same at any difficulty and only the client's solving gets dearer.
	 */
	public static final Map<String, String> ENVIRONMENT = Map.of("FORMGATE_TRUSTED_PROXIES", "1",
			"FORMGATE_GATEWAY_ABUSE_PROOFOFWORK_MAXNUMBER", "1000");

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(System.getProperty("formgate.home", ".")).toAbsolutePath().normalize();
		Path out = home.resolve("target/bench");
		Benchmark.Mode mode = Benchmark.Mode.FULL;
		boolean memoryOnly = false;
		List<Benchmark.Store> stores = List.of(Benchmark.Store.values());
		java.util.Set<Benchmark.Stage> stages = java.util.EnumSet.allOf(Benchmark.Stage.class);
		int campaignSize = 0;
		Duration campaignSeconds = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> mode = Benchmark.Mode.QUICK;
				case "--smoke" -> mode = Benchmark.Mode.SMOKE;
				case "--out" -> out = Path.of(args[++i]).toAbsolutePath().normalize();
				case "--memory-only" -> memoryOnly = true;
				case "--campaign-size" -> campaignSize = Integer.parseInt(args[++i].replace("_", ""));
				case "--campaign-seconds" -> campaignSeconds = Duration.ofSeconds(Long.parseLong(args[++i]));
				case "--store" -> stores = List.of(Benchmark.Store.valueOf(args[++i].toUpperCase(Locale.ROOT)));
				case "--stages" -> {
					stages = java.util.EnumSet.noneOf(Benchmark.Stage.class);
					for (String stage : args[++i].split(",")) {
						stages.add(Benchmark.Stage.valueOf(stage.strip().toUpperCase(Locale.ROOT)));
					}
				}
				default -> {
					System.err.println("usage: [--quick|--smoke] [--out DIR] [--memory-only] [--store memory|file] "
							+ "[--stages ceilings,intake,confirmation,campaign,erasure,comments] [--campaign-size N] "
							+ "[--campaign-seconds S]");
					System.exit(2);
				}
			}
		}
		var benchmark = new Benchmark(mode, stages, new Benchmark.CampaignSize(campaignSize, campaignSeconds));
		Exception failed = null;
		for (Benchmark.Store store : Benchmark.Store.values()) {
			if (!stores.contains(store)) {
				benchmark.skip(store, "not run (--store)");
				continue;
			}
			Path data = Files.createTempDirectory("formgate-bench-" + store.id);
			long begin = System.nanoTime();
			var stack = new LocalStack(new LocalStack.Settings(home, data, store == Benchmark.Store.FILE, freePorts(),
					ENVIRONMENT));
			// Ctrl-C stops the services too, not just this JVM.
			Thread stopper = new Thread(stack::close);
			Runtime.getRuntime().addShutdownHook(stopper);
			try (stack) {
				stack.start();
				Duration startedIn = Duration.ofNanos(System.nanoTime() - begin);
				if (memoryOnly) {
					benchmark.idleOnly(stack, store, startedIn);
				}
				else {
					benchmark.runOn(stack, store, startedIn);
				}
			}
			catch (Exception e) {
				// What was measured before the failure still goes into the reports; the figures after it show as
				// not measured, and the exit status says the run is incomplete.
				System.err.println("The run on the " + store.label + " store stopped:");
				e.printStackTrace();
				failed = e;
			}
			finally {
				Runtime.getRuntime().removeShutdownHook(stopper);
				copyLogs(data.resolve("logs"), out.resolve("logs-" + store.id));
				deleteRecursively(data);
				// The in-memory store's million documents are garbage now: collect them before the next stack starts.
				System.gc();
			}
		}
		benchmark.write(out);
		System.out.println("Results: " + out.resolve("results.md") + " and results.json"
				+ (failed == null ? "" : " (incomplete: a stage failed, see above)"));
		System.exit(failed == null ? 0 : 1); // the HTTP client's and Kafka's threads would otherwise keep the JVM a while
	}

	private static LocalStack.Ports freePorts() throws IOException {
		return new LocalStack.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
				freePort(), freePort(), freePort(), freePort());
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The services' logs outlive the stack's temporary directory, for a look at what went wrong. */
	private static void copyLogs(Path logs, Path target) throws IOException {
		if (!Files.isDirectory(logs)) {
			return;
		}
		Files.createDirectories(target);
		try (Stream<Path> files = Files.list(logs)) {
			for (Path file : files.toList()) {
				Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}
}
