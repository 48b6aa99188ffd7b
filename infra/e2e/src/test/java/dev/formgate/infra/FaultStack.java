package dev.formgate.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The fault suite's own local stack: it stops and restarts Kafka, MongoDB, SMTP and services, which would disturb the
 * other end-to-end tests on {@link SharedStack}. MongoDB keeps its data in a file, so a restart brings it back.
 */
final class FaultStack {

	private static LocalStack stack;
	private static LocalStack.Ports ports;
	private static RuntimeException failedToStart;

	private FaultStack() {
	}

	static synchronized LocalStack get() {
		if (failedToStart != null) {
			// One attempt per run: the next test class would wait as long again for the same failure.
			throw failedToStart;
		}
		if (stack == null) {
			try {
				ports = SharedStack.freePorts();
				Path data = Files.createTempDirectory("formgate-faults");
				Map<String, String> environment = new HashMap<>(SharedStack.ENVIRONMENT);
				// Thousands of sign-ups from a few hundred addresses within minutes: networks may write that often.
				environment.put("FORMGATE_GATEWAY_ABUSE_PERNETWORK_REQUESTS", "100000");
				// Campaign slices of 100 recipients: a campaign of a few thousand is shared by two instances for sure.
				environment.put("FORMGATE_NEWSLETTER_CAMPAIGNS_SENDING_SLICESIZE", "100");
				stack = LocalStack.start(new LocalStack.Settings(SharedStack.home(), data, true, ports, environment));
				Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
			}
			catch (IOException e) {
				failedToStart = new UncheckedIOException(e);
				throw failedToStart;
			}
			catch (RuntimeException e) {
				failedToStart = e;
				throw e;
			}
		}
		return stack;
	}

	static LocalStack.Ports ports() {
		get();
		return ports;
	}
}
