package dev.formgate.gateway;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's prod profile has no default credentials: without a key source or the challenge key it does not start. */
class ProdProfileTests {

	static final MongoServer MONGO = new MongoServer(new MemoryBackend());
	static final String MONGO_URI = MONGO.bindAndGetConnectionString() + "/formgate-gateway";
	static final Map<String, String> SECRETS = Map.of("FORMGATE_ADMIN_TOKEN_ISSUER", "https://login.example.org",
			"FORMGATE_ADMIN_TOKEN_PUBLIC_KEY", AdminTokenFixture.publicKeyLocation(), "FORMGATE_ALTCHA_HMAC_KEY",
			"an-altcha-key-of-at-least-thirty-two-chars");

	@AfterAll
	static void stopStore() {
		MONGO.shutdownNow();
	}

	static void startProd(Map<String, String> secrets) {
		Map<String, Object> properties = new HashMap<>(secrets);
		properties.put("MONGODB_URI", MONGO_URI);
		properties.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
		new SpringApplicationBuilder(GatewayApplication.class).profiles("prod").properties(properties)
			// A command-line argument: it outranks the prod profile's ${PORT:…} default, which a default property would not.
			.run("--server.port=0").close();
	}

	@Test
	void startsWithEverySecretGiven() {
		assertThatCode(() -> startProd(SECRETS)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@CsvSource({ "FORMGATE_ADMIN_TOKEN_ISSUER, formgate.admin-token.issuer",
			"FORMGATE_ADMIN_TOKEN_PUBLIC_KEY, formgate.admin-token", "FORMGATE_ALTCHA_HMAC_KEY, hmac-key" })
	void refusesToStartWithoutTheSecret(String missing, String named) {
		Map<String, String> secrets = new HashMap<>(SECRETS);
		secrets.remove(missing);

		assertThatThrownBy(() -> startProd(secrets)).hasStackTraceContaining(named);
	}
}
