package dev.formgate.gateway.support;

import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.security.AdminTokenFixture;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One store, one recording backend and one closed port per test JVM. */
@TestConfiguration(proxyBeanMethods = false)
public class GatewayTestInfrastructure {

	public static final String ALTCHA_KEY = "test-altcha-hmac-key-of-at-least-32-chars";

	/**
	 * What reached the backend: method, path, X-Forwarded-For, whether a bearer token came along, and the W3C trace
	 * context.
	 */
	public record Received(String method, String path, String forwardedFor, boolean bearer, int bodyLength,
			String traceparent) {
	}

	public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

	private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
	private static final String MONGO_URI = MONGO.bindAndGetConnectionString() + "/formgate-gateway";
	private static final HttpServer BACKEND = backend();
	private static final int CLOSED_PORT = closedPort();

	private static HttpServer backend() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				byte[] body = exchange.getRequestBody().readAllBytes();
				RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
						exchange.getRequestHeaders().getFirst("X-Forwarded-For"),
						exchange.getRequestHeaders().containsKey("Authorization"), body.length,
						exchange.getRequestHeaders().getFirst("traceparent")));
				byte[] answer = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				// As the services answer: 202 for an accepted form, 200 for a withdrawal (unsubscribe, RFC 8058).
				boolean accepted = exchange.getRequestMethod().equals("POST")
						&& !exchange.getRequestURI().getPath().equals("/newsletter/unsubscribe");
				exchange.sendResponseHeaders(accepted ? 202 : 200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				server.stop(0);
				MONGO.shutdownNow();
			}));
			return server;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static String mongoUri() {
		return MONGO_URI;
	}

	@Bean
	DynamicPropertyRegistrar gatewayTestProperties() {
		String backend = "http://127.0.0.1:" + BACKEND.getAddress().getPort();
		return registry -> {
			registry.add("spring.mongodb.uri", () -> MONGO_URI);
			registry.add("NEWSLETTER_SERVICE_URI", () -> backend);
			registry.add("CONTACT_SERVICE_URI", () -> backend);
			registry.add("COMMENT_SERVICE_URI", () -> backend);
			registry.add("ERASURE_SERVICE_URI", () -> "http://127.0.0.1:" + CLOSED_PORT);
			registry.add("formgate.admin-token.public-key", AdminTokenFixture::publicKeyLocation);
		};
	}
}
