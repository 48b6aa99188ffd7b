package dev.formgate.newsletter;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prod profile has no default credentials: without each of them (secrets, the admin-token issuer and key source),
 * or with a weak one, the service does not start.
 */
class ProdProfileTests {

	static final MongoServer MONGO = new MongoServer(new MemoryBackend());
	static final String MONGO_URI = MONGO.bindAndGetConnectionString() + "/formgate-newsletter";

	static final Map<String, String> SECRETS = Map.of("FORMGATE_PEPPER", "a-pepper-of-at-least-thirty-two-bytes!",
			"FORMGATE_TRANSPORT_KEY", "a-transport-key-of-at-least-32-bytes!!",
			"FORMGATE_NEWSLETTER_LINK_SECRET", "a-link-secret-of-at-least-32-bytes-long",
			"FORMGATE_ADMIN_TOKEN_ISSUER", "https://login.example.org/realms/formgate",
			"FORMGATE_ADMIN_TOKEN_PUBLIC_KEY", AdminTokenFixture.publicKeyLocation());

	static final Map<String, String> PROPERTY = Map.of("FORMGATE_PEPPER", "formgate.pepper",
			"FORMGATE_TRANSPORT_KEY", "formgate.transportKey",
			"FORMGATE_NEWSLETTER_LINK_SECRET", "formgate.newsletter.linkSecret", "FORMGATE_ADMIN_TOKEN_ISSUER",
			"formgate.admin-token.issuer", "FORMGATE_ADMIN_TOKEN_PUBLIC_KEY", "formgate.admin-token");

	@AfterAll
	static void stopStore() {
		MONGO.shutdownNow();
	}

	static void startProd(Map<String, String> secrets) {
		Map<String, Object> properties = new HashMap<>(secrets);
		properties.putAll(Map.of("MONGODB_URI", MONGO_URI, "KAFKA_BOOTSTRAP_SERVERS",
				"127.0.0.1:9", "SMTP_HOST", "127.0.0.1", "spring.cloud.stream.kafka.binder.auto-create-topics",
				"false"));
		new SpringApplicationBuilder(NewsletterApplication.class).profiles("prod").properties(properties)
			// A command-line argument: it outranks the prod profile's ${PORT:…} default, which a default property would not.
			.run("--server.port=0").close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "FORMGATE_PEPPER", "FORMGATE_TRANSPORT_KEY", "FORMGATE_NEWSLETTER_LINK_SECRET",
			"FORMGATE_ADMIN_TOKEN_ISSUER", "FORMGATE_ADMIN_TOKEN_PUBLIC_KEY" })
	void refusesToStartWithoutTheSecret(String missing) {
		Map<String, String> secrets = new HashMap<>(SECRETS);
		secrets.remove(missing);

		assertThatThrownBy(() -> startProd(secrets)).hasStackTraceContaining(PROPERTY.get(missing));
	}

	@ParameterizedTest
	@ValueSource(strings = { "FORMGATE_PEPPER", "FORMGATE_TRANSPORT_KEY", "FORMGATE_NEWSLETTER_LINK_SECRET" })
	void refusesToStartWithAShortSecret(String weak) {
		Map<String, String> secrets = new HashMap<>(SECRETS);
		secrets.put(weak, "short");

		assertThatThrownBy(() -> startProd(secrets)).hasStackTraceContaining(PROPERTY.get(weak));
	}
}
