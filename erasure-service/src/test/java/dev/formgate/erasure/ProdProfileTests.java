package dev.formgate.erasure;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prod profile has no default credentials (pepper, transport key, admin-token issuer and key): without each of
 * them, or with a weak secret, the service does not start.
 */
class ProdProfileTests {

	static final MongoServer MONGO = new MongoServer(new MemoryBackend());
	static final String MONGO_URI = MONGO.bindAndGetConnectionString() + "/formgate-erasure";

	static final Map<String, String> SETTINGS = Map.of("FORMGATE_PEPPER", "a-pepper-of-at-least-thirty-two-bytes!",
			"FORMGATE_TRANSPORT_KEY", "a-transport-key-of-at-least-32-bytes!",
			"FORMGATE_ADMIN_TOKEN_ISSUER", "https://login.example.org/realms/formgate",
			"FORMGATE_ADMIN_TOKEN_PUBLIC_KEY", AdminTokenFixture.publicKeyLocation());

	static final Map<String, String> PROPERTY = Map.of("FORMGATE_PEPPER", "formgate.pepper",
			"FORMGATE_TRANSPORT_KEY", "formgate.transportKey", "FORMGATE_ADMIN_TOKEN_ISSUER",
			"formgate.admin-token.issuer", "FORMGATE_ADMIN_TOKEN_PUBLIC_KEY", "formgate.admin-token");

	@AfterAll
	static void stopStore() {
		MONGO.shutdownNow();
	}

	static void startProd(Map<String, String> settings) {
		Map<String, Object> properties = new HashMap<>(settings);
		properties.putAll(Map.of("MONGODB_URI", MONGO_URI, "KAFKA_BOOTSTRAP_SERVERS",
				"127.0.0.1:9", "spring.cloud.stream.kafka.binder.auto-create-topics", "false"));
		new SpringApplicationBuilder(ErasureApplication.class).profiles("prod").properties(properties)
			// A command-line argument: it outranks the prod profile's ${PORT:…} default, which a default property would not.
			.run("--server.port=0").close();
	}

	static Map<String, String> without(String name) {
		Map<String, String> settings = new HashMap<>(SETTINGS);
		settings.remove(name);
		return settings;
	}

	@Test
	void startsWithEverythingSet() {
		assertThatNoException().isThrownBy(() -> startProd(SETTINGS));
	}

	@ParameterizedTest
	@ValueSource(strings = { "FORMGATE_PEPPER", "FORMGATE_TRANSPORT_KEY", "FORMGATE_ADMIN_TOKEN_ISSUER",
			"FORMGATE_ADMIN_TOKEN_PUBLIC_KEY" })
	void refusesToStartWithoutTheSetting(String missing) {
		assertThatThrownBy(() -> startProd(without(missing))).hasStackTraceContaining(PROPERTY.get(missing));
	}

	@ParameterizedTest
	@ValueSource(strings = { "FORMGATE_PEPPER", "FORMGATE_TRANSPORT_KEY" })
	void refusesToStartWithAShortSecret(String secret) {
		Map<String, String> settings = new HashMap<>(SETTINGS);
		settings.put(secret, "short");

		assertThatThrownBy(() -> startProd(settings)).hasStackTraceContaining(PROPERTY.get(secret));
	}
}
