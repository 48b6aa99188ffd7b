package dev.formgate.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One local stack for all end-to-end test classes of a run: starting it costs half a minute on two cores. */
final class SharedStack {

	/**
	 * As users get it, except: the gateway trusts one proxy (the tests), so a test chooses its client address with
	 * {@code X-Forwarded-For}; the proof of work is easy, so thousands of requests can solve it quickly; and one
	 * address may write 60 times an hour, since every test without a chosen address comes from 127.0.0.1. Closed
	 * contact requests are deleted seconds after closing instead of 90 days, so retention can be watched across
	 * processes. The newsletter has a second list, "events".
	 */
	static final Map<String, String> ENVIRONMENT = Map.of("FORMGATE_TRUSTED_PROXIES", "1",
			"FORMGATE_GATEWAY_ABUSE_PROOFOFWORK_MAXNUMBER", "1000", "FORMGATE_GATEWAY_ABUSE_PERADDRESS_REQUESTS", "60",
			"FORMGATE_CONTACT_RETENTION_CLOSED", "3s", "FORMGATE_CONTACT_RETENTION_INTERVAL", "1s",
			// Evidence of comments goes after 45 s here (30 days by default), so the end-to-end test sees it go.
			"FORMGATE_COMMENT_RETENTION_EVIDENCE", "45s", "FORMGATE_COMMENT_RETENTION_INTERVAL", "1s",
			// A second list beside "news", so a campaign can go to two lists (CampaignAudienceBrowserIntegrationTests).
			"FORMGATE_NEWSLETTER_LISTS_EVENTS_DE", "Veranstaltungen", "FORMGATE_NEWSLETTER_LISTS_EVENTS_EN", "Events");

	private static LocalStack stack;
	private static LocalStack.Ports ports;

	private SharedStack() {
	}

	static synchronized LocalStack get() {
		if (stack == null) {
			try {
				ports = freePorts();
				Path data = Files.createTempDirectory("formgate-e2e");
				stack = LocalStack.start(new LocalStack.Settings(home(), data, false, ports, ENVIRONMENT));
				Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return stack;
	}

	static LocalStack.Ports ports() {
		get();
		return ports;
	}

	/** Free ports for a whole stack, so that test runs in parallel do not collide. */
	static LocalStack.Ports freePorts() throws IOException {
		return new LocalStack.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
				freePort(), freePort(), freePort(), freePort(), freePort());
	}

	/** The repository root, where the services' jars are built. */
	static Path home() {
		return Path.of(System.getProperty("formgate.home", "../..")).toAbsolutePath().normalize();
	}

	static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
