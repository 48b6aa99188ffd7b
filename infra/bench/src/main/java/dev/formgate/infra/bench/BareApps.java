package dev.formgate.infra.bench;

import dev.formgate.infra.LocalStack;
import dev.formgate.infra.ServiceProcess;
import dev.formgate.infra.bench.bare.BareGateway;
import dev.formgate.infra.bench.bare.BareMvc;
import dev.formgate.infra.bench.bare.BareWebFlux;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bare applications ({@link dev.formgate.infra.bench.bare}) started beside a running stack, each in its own JVM
 * from the harness's jar with the services' JVM options, on free ports; closing stops them.
 */
final class BareApps implements AutoCloseable {

	private final List<ServiceProcess> started = new ArrayList<>();
	private final Map<String, URI> urls = new LinkedHashMap<>();

	/**
	 * @param all also the WebFlux and the gateway application (else only Spring MVC, for the store's insert ceiling)
	 */
	static BareApps start(LocalStack stack, String storeDatabase, boolean all) throws IOException {
		var apps = new BareApps();
		try {
			Path jar = stack.home().resolve("infra/bench/target/infra-bench-exec.jar");
			int mvc = freePort();
			apps.launch(stack, jar, "bare-mvc", BareMvc.class, mvc, Map.of("MONGODB_URI", stack.mongoUri(storeDatabase)));
			if (all) {
				apps.launch(stack, jar, "bare-webflux", BareWebFlux.class, freePort(), Map.of());
				apps.launch(stack, jar, "bare-gateway", BareGateway.class, freePort(),
						Map.of("BACKEND_URI", "http://127.0.0.1:" + mvc));
			}
			// As long as the services may take: three more JVMs start on a machine that is busy with the stack already.
			Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
			for (ServiceProcess app : apps.started) {
				boolean webflux = app.name().equals("bare-webflux");
				app.awaitAnswer(webflux ? "/hello" : "/ok", webflux ? "hello" : "ok", deadline);
			}
			return apps;
		}
		catch (IOException | RuntimeException e) {
			apps.close();
			throw e;
		}
	}

	private void launch(LocalStack stack, Path jar, String name, Class<?> main, int port, Map<String, String> env)
			throws IOException {
		started.add(ServiceProcess.startMain(name, jar, main.getName(), port, env, stack.logDirectory()));
		urls.put(name, URI.create("http://127.0.0.1:" + port));
	}

	/** Where {@code bare-mvc}, {@code bare-webflux} or {@code bare-gateway} listens. */
	URI url(String name) {
		return urls.get(name);
	}

	/** The process id of each running bare application (the benchmark reads their memory). */
	Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		started.forEach(app -> pids.put(app.name(), app.pid()));
		return pids;
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		started.parallelStream().forEach(ServiceProcess::close);
		started.clear();
	}
}
