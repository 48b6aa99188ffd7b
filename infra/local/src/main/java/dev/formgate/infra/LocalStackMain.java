package dev.formgate.infra;

import dev.formgate.security.AdminRoles;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar infra/local/target/infra-local-exec.jar [--data-dir DIR] [--in-memory] [--second-gateway PORT]}:
 * starts the local stack (with a second gateway instance on PORT, sharing the first one's rate limits), prints where
 * everything is, and runs until Ctrl-C. With {@code token [role …]} it prints an admin token for the stack in that
 * data directory instead (all roles when none are named; valid 15 minutes).
 */
public final class LocalStackMain {

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

	private LocalStackMain() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(System.getProperty("formgate.home", ".")).toAbsolutePath().normalize();
		Path data = home.resolve(".formgate");
		boolean persistent = true;
		boolean token = false;
		int secondGateway = 0;
		List<String> roles = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--data-dir" -> data = Path.of(args[++i]).toAbsolutePath().normalize();
				case "--in-memory" -> persistent = false;
				case "--second-gateway" -> secondGateway = Integer.parseInt(args[++i]);
				case "token" -> token = true;
				default -> {
					if (token && AdminRoles.ALL.contains(args[i])) {
						roles.add(args[i]);
						continue;
					}
					System.err.println("usage: [--data-dir DIR] [--in-memory] [--second-gateway PORT] | token ["
							+ String.join("|", AdminRoles.ALL) + " …]");
					System.exit(2);
				}
			}
		}
		if (token) {
			// Only the token on stdout, so TOKEN=$(bin/run token) works.
			System.out.println(AdminKeys.loadOrCreate(data, LocalStack.issuer(LocalStack.Ports.defaults())).token(roles, TOKEN_LIFETIME));
			return;
		}
		Instant begin = Instant.now();
		System.out.println("Starting Formgate: Kafka, MongoDB-wire server, SMTP, identity provider, then four services …");
		var stack = new LocalStack(new LocalStack.Settings(home, data, persistent, LocalStack.Ports.defaults(),
				Map.of()));
		var stopped = new CountDownLatch(1);
		// Registered before starting, so Ctrl-C during start-up also stops the services already launched.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping Formgate …");
			stack.close();
			stopped.countDown();
		}));
		stack.start();
		if (secondGateway > 0) {
			System.out.println("Second gateway (shares the rate limits): " + stack.startSecondGateway(secondGateway));
		}
		System.out.printf("%nFormgate is up (%.1f s):%n%s%nPress Ctrl-C to stop.%n",
				Duration.between(begin, Instant.now()).toMillis() / 1000.0, stack.describe());
		stopped.await();
	}
}
