package dev.formgate.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every service's prod profile must refuse: it has no default credentials, so without each of them (the shared
 * secrets, the admin-token issuer and key source, and the service's own), or with a secret that is too short, the
 * service does not start and says which setting is missing; with all of them it starts. Each service runs it as a
 * subclass, with its application class and its own settings.
 */
public abstract class ProdProfileContract {

	/**
	 * A setting the prod profile must be given.
	 *
	 * @param variable its environment variable
	 * @param value a valid value
	 * @param property what the refusal names
	 * @param secret whether it has a minimum length
	 */
	public record Setting(String variable, String value, String property, boolean secret) {
	}

	/** What every service needs in prod. */
	static final List<Setting> EVERY_SERVICE = List.of(
			new Setting("FORMGATE_PEPPER", "a-pepper-of-at-least-thirty-two-bytes!", "formgate.pepper", true),
			new Setting("FORMGATE_TRANSPORT_KEY", "a-transport-key-of-at-least-32-bytes!!", "formgate.transportKey",
					true),
			new Setting("FORMGATE_ADMIN_TOKEN_ISSUER", "https://login.example.org/realms/formgate",
					"formgate.admin-token.issuer", false),
			new Setting("FORMGATE_ADMIN_TOKEN_PUBLIC_KEY", AdminTokenFixture.publicKeyLocation(), "formgate.admin-token",
					false));

	private static MongoServer mongo;
	private static String mongoUri;

	@BeforeAll
	static void startStore() {
		mongo = new MongoServer(new MemoryBackend());
		mongoUri = mongo.bindAndGetConnectionString();
	}

	@AfterAll
	static void stopStore() {
		mongo.shutdownNow();
	}

	protected abstract Class<?> application();

	/** The service's database name, e.g. {@code formgate-contact}. */
	protected abstract String database();

	/** The settings of this service beyond those every service needs. */
	protected abstract List<Setting> serviceSettings();

	/** Properties the service needs to start that are not settings under test (staff inboxes, an SMTP host). */
	protected Map<String, String> given() {
		return Map.of();
	}

	/** Every setting with a valid value, and what is given. */
	protected Map<String, String> everything() {
		Map<String, String> settings = new HashMap<>(given());
		settings().forEach(s -> settings.put(s.variable(), s.value()));
		return settings;
	}

	/** Everything but these. */
	protected Map<String, String> without(String... names) {
		Map<String, String> settings = everything();
		for (String name : names) {
			settings.remove(name);
		}
		return settings;
	}

	/** Starts the service with the prod profile and these settings, on a free port, and stops it again. */
	protected void startProd(Map<String, String> settings) {
		Map<String, Object> properties = new HashMap<>(settings);
		properties.putAll(Map.of("MONGODB_URI", mongoUri + "/" + database(), "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
				"spring.cloud.stream.kafka.binder.auto-create-topics", "false"));
		new SpringApplicationBuilder(application()).profiles("prod").properties(properties)
			// A command-line argument: it outranks the prod profile's ${PORT:…} default, which a default property would not.
			.run("--server.port=0").close();
	}

	private List<Setting> settings() {
		List<Setting> all = new ArrayList<>(EVERY_SERVICE);
		all.addAll(serviceSettings());
		return all;
	}

	@Test
	void startsWithEverySettingGiven() {
		assertThatNoException().isThrownBy(() -> startProd(everything()));
	}

	@TestFactory
	Stream<DynamicTest> refusesToStartWithoutASetting() {
		return settings().stream().map(setting -> DynamicTest.dynamicTest(setting.variable(),
				() -> assertThatThrownBy(() -> startProd(without(setting.variable())))
					.hasStackTraceContaining(setting.property())));
	}

	@TestFactory
	Stream<DynamicTest> refusesToStartWithAShortSecret() {
		return settings().stream().filter(Setting::secret).map(setting -> DynamicTest.dynamicTest(setting.variable(),
				() -> {
					Map<String, String> settings = everything();
					settings.put(setting.variable(), "short");
					assertThatThrownBy(() -> startProd(settings)).hasStackTraceContaining(setting.property());
				}));
	}
}
