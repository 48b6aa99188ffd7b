package dev.formgate.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The secrets every service of the local stack must share — the subjectRef pepper and the transport key — generated
 * once per data directory and kept with it (the pepper must not change while data made with it exists). Handed to
 * the services as environment variables, so no service relies on a development value written in its configuration.
 */
final class LocalSecrets {

	private final Properties values;

	private LocalSecrets(Properties values) {
		this.values = values;
	}

	static LocalSecrets loadOrCreate(Path dataDirectory) throws IOException {
		Path file = dataDirectory.resolve("keys").resolve("secrets.properties");
		Properties values = new Properties();
		if (Files.exists(file)) {
			try (Reader in = Files.newBufferedReader(file)) {
				values.load(in);
			}
		}
		boolean added = values.putIfAbsent("pepper", random()) == null;
		added |= values.putIfAbsent("transport-key", random()) == null;
		added |= values.putIfAbsent("console-client-secret", random()) == null;
		if (added) {
			Files.createDirectories(file.getParent());
			if (!Files.exists(file)) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			try (Writer out = Files.newBufferedWriter(file)) {
				values.store(out, "Formgate local stack secrets: delete together with the data");
			}
		}
		return new LocalSecrets(values);
	}

	private static String random() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The console's client secret at the local identity provider. */
	String consoleClientSecret() {
		return values.getProperty("console-client-secret");
	}

	String pepper() {
		return values.getProperty("pepper");
	}

	/** {@code formgate.pepper} and {@code formgate.transport-key}, under each name a service may read them by. */
	Map<String, String> environment() {
		String transportKey = values.getProperty("transport-key");
		return Map.of("FORMGATE_PEPPER", values.getProperty("pepper"), "FORMGATE_TRANSPORT_KEY", transportKey,
				"FORMGATE_TRANSPORTKEY", transportKey);
	}
}
