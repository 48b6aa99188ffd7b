package dev.formgate.infra;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service's {@code application.yml} asks of a deployment, read from the file itself so that a setting added
 * to the code is also demanded of Compose and Kubernetes: the environment variables it reads with the {@code prod}
 * profile, the health probes it exposes, its dead-letter topics.
 */
record ServiceConfiguration(String service, List<Map<String, Object>> documents) {

	private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

	/** The service starter's shared defaults, below each service's own file. */
	static final String SHARED_DEFAULTS = "shared/starter/src/main/resources/formgate-defaults.yml";

	/**
	 * The service's application.yml, after the starter's shared defaults if the service is built on the starter
	 * (later documents win, as they do in Spring Boot: the defaults never split a setting with the service's file).
	 */
	static ServiceConfiguration read(Path home, String service) {
		try {
			List<Map<String, Object>> documents = new ArrayList<>();
			if (Files.readString(home.resolve(service).resolve("pom.xml")).contains("formgate-service-starter")) {
				documents.addAll(documents(home.resolve(SHARED_DEFAULTS)));
			}
			documents.addAll(documents(home.resolve(service).resolve("src/main/resources/application.yml")));
			return new ServiceConfiguration(service, documents);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<Map<String, Object>> documents(Path file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(Files.readString(file))) {
			documents.add(document == null ? Map.of() : cast(document));
		}
		return documents;
	}

	/** The documents in force with the {@code prod} profile: those without a profile, and the prod one. */
	List<Map<String, Object>> prodDocuments() {
		return documents.stream().filter(d -> profile(d) == null || profile(d).equals("prod")).toList();
	}

	/** Every {@code ${VAR}} / {@code ${VAR:default}} the prod profile resolves from the environment. */
	Set<String> prodEnvironmentVariables() {
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> document : prodDocuments()) {
			flatten("", document, (path, value) -> {
				Matcher matcher = ENV_PLACEHOLDER.matcher(String.valueOf(value));
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			});
		}
		return names;
	}

	/**
	 * Settings that only the local profile gives a value (development secrets, the contact topics) and that no prod
	 * document sets: a deployment must supply them by relaxed binding, e.g. {@code FORMGATE_CONTACT_TOPICS_X_INBOX}.
	 */
	Set<String> settingsOnlyTheLocalProfileGives() {
		Set<String> prod = new LinkedHashSet<>();
		prodDocuments().forEach(d -> flatten("", d, (path, value) -> prod.add(path)));
		Set<String> local = new TreeSet<>();
		documents.stream().filter(d -> "local".equals(profile(d)))
			.forEach(d -> flatten("", d, (path, value) -> {
				if (!path.startsWith("spring.config.") && !prod.contains(path)) {
					local.add(path);
				}
			}));
		return local;
	}

	/** The environment variable that sets {@code path} by relaxed binding ({@code a.link-secret → A_LINKSECRET}). */
	static String environmentName(String path) {
		return path.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/** A prod setting, the last document that has it winning (as Spring Boot reads them). */
	Object prod(String path) {
		Object found = null;
		for (Map<String, Object> document : prodDocuments()) {
			Object value = at(document, path);
			if (value != null) {
				found = value;
			}
		}
		return found;
	}

	/** {@code error.<destination>.<group>} of every consumer binding with {@code enable-dlq: true}. */
	Set<String> deadLetterTopics() {
		Set<String> topics = new TreeSet<>();
		Map<String, Object> kafkaBindings = cast(Objects.requireNonNullElse(prod("spring.cloud.stream.kafka.bindings"),
				Map.of()));
		kafkaBindings.forEach((binding, settings) -> {
			if (Boolean.TRUE.equals(at(cast(settings), "consumer.enable-dlq"))) {
				String destination = String.valueOf(prod("spring.cloud.stream.bindings." + binding + ".destination"));
				String group = String.valueOf(prod("spring.cloud.stream.bindings." + binding + ".group"))
					.replace("${spring.application.name}", String.valueOf(prod("spring.application.name")));
				topics.add("error." + destination + "." + group);
			}
		});
		return topics;
	}

	/** Destinations whose binding asks for {@code cleanup.policy: compact}. */
	Set<String> compactedTopics() {
		Set<String> topics = new TreeSet<>();
		Map<String, Object> kafkaBindings = cast(Objects.requireNonNullElse(prod("spring.cloud.stream.kafka.bindings"),
				Map.of()));
		kafkaBindings.forEach((binding, settings) -> {
			for (String side : List.of("consumer", "producer")) {
				if ("compact".equals(at(cast(settings), side + ".topic.properties.cleanup.policy"))) {
					topics.add(String.valueOf(prod("spring.cloud.stream.bindings." + binding + ".destination")));
				}
			}
		});
		return topics;
	}

	/**
	 * The health paths this service's actuator answers, e.g. {@code /actuator/health/readiness}: on its HTTP port, or
	 * on {@link #managementPort(Map) the management port} where one is set.
	 */
	Set<String> healthPaths() {
		Set<String> paths = new TreeSet<>();
		Object basePath = prod("management.endpoints.web.base-path");
		String base = basePath == null ? "/actuator" : basePath.toString();
		String exposed = String.valueOf(prod("management.endpoints.web.exposure.include"));
		if (!List.of(exposed.split("\\s*,\\s*")).contains("health") && !exposed.equals("*")) {
			return paths;
		}
		paths.add(base + "/health");
		if (Boolean.TRUE.equals(prod("management.endpoint.health.probes.enabled"))) {
			paths.add(base + "/health/liveness");
			paths.add(base + "/health/readiness");
		}
		Object groups = prod("management.endpoint.health.group");
		if (groups instanceof Map<?, ?> map) {
			map.keySet().forEach(group -> paths.add(base + "/health/" + group));
		}
		return paths;
	}

	/**
	 * The port actuator listens on given a deployment's environment: {@code management.server.port} if it resolves to
	 * a value ({@code ${MANAGEMENT_PORT:}} from the environment, or a number), else {@code PORT}.
	 */
	String managementPort(Map<String, String> environment) {
		Object setting = prod("management.server.port");
		String port = setting == null ? "" : String.valueOf(setting);
		Matcher placeholder = ENV_PLACEHOLDER.matcher(port);
		if (placeholder.matches()) {
			String value = environment.get(placeholder.group(1));
			port = value != null ? value : port.replaceFirst("^\\$\\{[^:}]*:?", "").replaceFirst("}$", "");
		}
		return port.isBlank() ? environment.get("PORT") : port;
	}

	Integer minPartitionCount() {
		Object value = prod("spring.cloud.stream.kafka.binder.min-partition-count");
		return value == null ? null : Integer.valueOf(value.toString());
	}

	private static String profile(Map<String, Object> document) {
		Object profile = at(document, "spring.config.activate.on-profile");
		return profile == null ? null : profile.toString();
	}

	/** The value at a dotted path; keys may themselves contain dots (YAML allows {@code cleanup.policy: compact}). */
	static Object at(Object node, String path) {
		if (!(node instanceof Map<?, ?> map)) {
			return null;
		}
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			String key = String.valueOf(entry.getKey());
			if (path.equals(key)) {
				return entry.getValue();
			}
			if (path.startsWith(key + ".")) {
				Object found = at(entry.getValue(), path.substring(key.length() + 1));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	interface Leaf {

		void accept(String path, Object value);

	}

	static void flatten(String prefix, Object node, Leaf leaf) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value,
					leaf));
		}
		else if (node instanceof List<?> list && list.stream().anyMatch(e -> e instanceof Map || e instanceof List)) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), leaf);
			}
		}
		else {
			leaf.accept(prefix, node);
		}
	}

	@SuppressWarnings("unchecked")
	static <T> T cast(Object value) {
		return (T) value;
	}
}
