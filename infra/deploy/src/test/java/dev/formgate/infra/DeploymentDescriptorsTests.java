package dev.formgate.infra;

import dev.formgate.events.Topics;
import dev.formgate.security.AdminRoles;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.formgate.infra.ServiceConfiguration.at;
import static dev.formgate.infra.ServiceConfiguration.cast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The production descriptors in {@code infra/} (Compose, Kustomize base and prod overlay, Dockerfile, topic script)
 * checked without a Docker engine or a cluster, against what the services themselves read: every environment
 * variable of the prod profile, the health probes they expose, the topics and dead-letter topics they use. The prod
 * overlay is rendered with the real {@code kubectl kustomize} where kubectl is installed, and validated against the
 * Kubernetes API schemas where {@code npm ci --prefix infra/schema} has run; CI requires both with
 * {@code -Dformgate.k8s.required=true}. Without kubectl the base manifests are checked as written.
 */
class DeploymentDescriptorsTests {

	static final Path HOME = Path.of(System.getProperty("formgate.home", "../..")).toAbsolutePath().normalize();
	static final Path INFRA = HOME.resolve("infra/deploy");
	static final Path COMPOSE = INFRA.resolve("compose/compose.yaml");
	static final Path K8S = INFRA.resolve("k8s");
	static final Path PROD_OVERLAY = K8S.resolve("overlays/prod");
	static final Path TOPICS_SCRIPT = K8S.resolve("base/topics/create-topics.sh");
	static final List<String> SERVICES = List.copyOf(LocalStack.SERVICES.keySet());

	/** Variables whose values are secrets: never written into a descriptor, always from a Secret or the shell. */
	static final Pattern SECRET = Pattern
		.compile(".*(PEPPER|TRANSPORT_?KEY|SECRET|HMAC_KEY|PASSWORD|USERNAME|PRIVATE_?KEY).*");
	/** A URI with credentials in it, e.g. a MongoDB URI with user:password@. */
	static final Pattern CREDENTIALS_IN_URI = Pattern.compile("//[^/@\\s]+:[^/@\\s]+@");
	/** The broker image of the Kafka version the services' clients are built with (Spring Boot's). */
	static final String KAFKA_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();
	/** "Well under one month": transport and dead-letter topics are kept at most 14 days. */
	static final long MAX_RETENTION_MS = Duration.ofDays(14).toMillis();

	static final boolean REQUIRED = Boolean.getBoolean("formgate.k8s.required");

	private static List<Map<String, Object>> manifests;
	private static Path rendered;

	@Test
	void everyDescriptorIsWellFormedYamlAndEveryResourceNamesItsKind() throws IOException {
		List<Path> files = yamlFiles(INFRA.resolve("compose"), K8S);
		assertThat(files).contains(COMPOSE, PROD_OVERLAY.resolve("kustomization.yaml"));
		for (Path file : files) {
			List<Map<String, Object>> documents = loadAll(file);
			assertThat(documents).as(file.toString()).isNotEmpty();
			if (file.startsWith(K8S) && !file.getFileName().toString().equals("kustomization.yaml")) {
				for (Map<String, Object> document : documents) {
					assertThat(document).as(file + ": every resource has apiVersion, kind, metadata.name")
						.containsKeys("apiVersion", "kind", "metadata");
					assertThat(at(document, "metadata.name")).as(file + ": metadata.name").isNotNull();
				}
			}
		}
	}

	@Test
	void everyKustomizationNamesFilesThatExist() throws IOException {
		List<Path> kustomizations = yamlFiles(K8S).stream()
			.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
		assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(2);
		for (Path kustomization : kustomizations) {
			Path directory = kustomization.getParent();
			Map<String, Object> k = loadAll(kustomization).getFirst();
			List<String> references = new ArrayList<>(strings(k.get("resources")));
			listOf(k.get("patches")).forEach(p -> {
				if (cast(p) instanceof Map<?, ?> patch && patch.get("path") != null) {
					references.add(patch.get("path").toString());
				}
			});
			listOf(k.get("configMapGenerator")).forEach(g -> references.addAll(strings(((Map<?, ?>) g).get("files"))));
			assertThat(references).as(kustomization.toString()).isNotEmpty();
			for (String reference : references) {
				Path target = directory.resolve(reference.replaceFirst("^[^=]+=", "")).normalize();
				assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
					.as(kustomization + " names " + reference + ", which does not exist").isTrue();
			}
		}
	}

	@Test
	void prodOverlayRendersWithKustomize() {
		manifests();
		assumeThat(rendered).as("kubectl is not installed: the base manifests were checked as written").isNotNull();
		assertThat(kinds()).contains("Namespace", "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler",
				"PodDisruptionBudget", "NetworkPolicy", "Job", "Ingress");
		for (Map<String, Object> resource : manifests()) {
			if (!resource.get("kind").equals("Namespace")) {
				assertThat(at(resource, "metadata.namespace")).as(name(resource)).isEqualTo("formgate");
			}
		}
		for (String service : SERVICES) {
			String image = container(deployment(service)).get("image").toString();
			assertThat(image).as(service + ": prod runs a released image, not latest")
				.endsWith(":" + imageTag()).doesNotEndWith(":latest");
		}
	}

	@Test
	void renderedManifestsMatchTheKubernetesApiSchemas() throws Exception {
		manifests();
		assumeThat(rendered).as("kubectl is not installed: nothing rendered to validate").isNotNull();
		String node = executable("node");
		if (node == null || !Files.isDirectory(INFRA.resolve("schema/node_modules/kubernetes-models"))) {
			assertThat(REQUIRED).as("node and `npm ci --prefix infra/schema` are required (formgate.k8s.required)")
				.isFalse();
			Assumptions.abort("the schema check needs node and `npm ci --prefix infra/schema`");
		}
		Process process = new ProcessBuilder(node, INFRA.resolve("schema/validate.mjs").toString(), rendered.toString())
			.redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output.lines().filter(line -> line.startsWith("valid "))).hasSize(manifests().size());
	}

	@Test
	void everyResourceUsesTheApiVersionOfItsKind() {
		Map<String, String> apiVersions = Map.of("Namespace", "v1", "ConfigMap", "v1", "Service", "v1", "Deployment",
				"apps/v1", "Job", "batch/v1", "HorizontalPodAutoscaler", "autoscaling/v2", "PodDisruptionBudget",
				"policy/v1", "NetworkPolicy", "networking.k8s.io/v1", "Ingress", "networking.k8s.io/v1");
		for (Map<String, Object> resource : manifests()) {
			assertThat(apiVersions).as("a kind this test knows").containsKey(resource.get("kind").toString());
			assertThat(resource.get("apiVersion")).as(name(resource))
				.isEqualTo(apiVersions.get(resource.get("kind").toString()));
		}
	}

	@Test
	void everyDeploymentGetsEveryVariableItsServiceReadsInProd() {
		for (String service : SERVICES) {
			Map<String, Map<String, Object>> env = kubernetesEnvironment(service);
			assertThat(env.keySet()).as(service + " Deployment env").containsAll(requiredEnvironment(service));
			assertThat(env.get("SPRING_PROFILES_ACTIVE")).as(service).containsEntry("value", "prod");
			assertRelaxedBindingSettings(service, env.keySet(), "Deployment");
			for (Map<String, Object> variable : env.values()) {
				Map<String, Object> ref = cast(at(variable, "valueFrom.configMapKeyRef"));
				if (ref != null) {
					Map<String, Object> data = cast(configMap(ref.get("name").toString()).get("data"));
					assertThat(data).as(service + ": " + variable.get("name") + " names a ConfigMap key")
						.containsKey(ref.get("key").toString());
				}
			}
		}
	}

	@Test
	void everyComposeServiceGetsEveryVariableItsServiceReadsInProd() {
		for (String service : SERVICES) {
			Map<String, Object> env = composeEnvironment(service);
			assertThat(env.keySet()).as(service + " in compose.yaml").containsAll(requiredEnvironment(service));
			assertThat(env).as(service).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
			assertRelaxedBindingSettings(service, env.keySet(), "compose.yaml");
		}
	}

	@Test
	void noDescriptorHoldsASecretValue() throws IOException {
		for (String service : SERVICES) {
			kubernetesEnvironment(service).forEach((name, variable) -> {
				if (SECRET.matcher(name).matches()) {
					assertThat(at(variable, "valueFrom.secretKeyRef.name")).as(service + ": " + name + " from a Secret")
						.isNotNull();
				}
				assertThat(String.valueOf(variable.get("value"))).as(service + ": " + name)
					.doesNotContainPattern(CREDENTIALS_IN_URI);
			});
			composeEnvironment(service).forEach((name, value) -> {
				if (SECRET.matcher(name).matches()) {
					// ${NAME:?…} refuses an empty value; ${NAME?…} only an unset one (a feature off while empty)
					assertThat(String.valueOf(value)).as(service + ": " + name + " from .env or the shell, required")
						.matches("\\$\\{" + name + ":?\\?[^}]*}");
				}
				assertThat(String.valueOf(value)).as(service + ": " + name).doesNotContainPattern(CREDENTIALS_IN_URI);
			});
		}
		assertThat(kinds()).as("Secrets are created by the operator, not shipped").doesNotContain("Secret");
		for (Path file : yamlFiles(K8S)) {
			for (Map<String, Object> document : loadAll(file)) {
				assertThat(document.get("kind")).as(file.toString()).isNotEqualTo("Secret");
			}
		}
	}

	/**
	 * newsletter-service's campaign mail settings, in both descriptors: the sender and return path, the bounce
	 * mailbox read over IMAP and the DKIM key; the mailbox's login and the key only from a Secret or .env.
	 */
	@Test
	void newsletterServiceGetsTheBounceMailboxAndDkimSettings() {
		List<String> settings = List.of("FORMGATE_NEWSLETTER_MAIL_FROM", "FORMGATE_NEWSLETTER_MAIL_BOUNCEADDRESS",
				"FORMGATE_NEWSLETTER_CAMPAIGNS_TESTRECIPIENTS", "FORMGATE_NEWSLETTER_BOUNCES_ENABLED",
				"FORMGATE_NEWSLETTER_BOUNCES_PROTOCOL", "FORMGATE_NEWSLETTER_BOUNCES_HOST",
				"FORMGATE_NEWSLETTER_BOUNCES_PORT", "FORMGATE_NEWSLETTER_BOUNCES_PROCESSEDFOLDER",
				"FORMGATE_NEWSLETTER_BOUNCES_USERNAME", "FORMGATE_NEWSLETTER_BOUNCES_PASSWORD",
				"FORMGATE_NEWSLETTER_MAIL_DKIM_DOMAIN", "FORMGATE_NEWSLETTER_MAIL_DKIM_SELECTOR",
				"FORMGATE_NEWSLETTER_MAIL_DKIM_PRIVATEKEY");
		Map<String, Map<String, Object>> kubernetes = kubernetesEnvironment("newsletter-service");
		assertThat(kubernetes.keySet()).containsAll(settings);
		assertThat(composeEnvironment("newsletter-service").keySet()).containsAll(settings);
		for (String secret : List.of("FORMGATE_NEWSLETTER_BOUNCES_USERNAME", "FORMGATE_NEWSLETTER_BOUNCES_PASSWORD",
				"FORMGATE_NEWSLETTER_MAIL_DKIM_PRIVATEKEY")) {
			assertThat(SECRET.matcher(secret).matches()).as(secret + " counts as a secret").isTrue();
			assertThat(at(kubernetes.get(secret), "valueFrom.secretKeyRef.name")).as(secret)
				.isEqualTo("formgate-newsletter-mail");
		}
		assertThat(ServiceConfiguration.environmentName("formgate.newsletter.mail.dkim.private-key"))
			.isEqualTo("FORMGATE_NEWSLETTER_MAIL_DKIM_PRIVATEKEY");
	}

	@Test
	void probesAndHealthChecksCallPathsTheServicesExpose() throws IOException {
		for (String service : SERVICES) {
			Set<String> exposed = ServiceConfiguration.read(HOME, service).healthPaths();
			Map<String, Object> container = container(deployment(service));
			Map<String, Object> ports = new LinkedHashMap<>();
			listOf(container.get("ports")).forEach(p -> ports.put(((Map<?, ?>) p).get("name").toString(),
					((Map<?, ?>) p).get("containerPort")));
			Map<String, String> env = new TreeMap<>();
			kubernetesEnvironment(service).forEach((name, variable) -> {
				if (variable.get("value") != null) {
					env.put(name, variable.get("value").toString());
				}
			});
			String listening = ServiceConfiguration.read(HOME, service).managementPort(env);
			for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
				Map<String, Object> get = cast(at(container, probe + ".httpGet"));
				assertThat(get).as(service + " " + probe).isNotNull();
				assertThat(exposed).as(service + " " + probe + " path").contains(get.get("path").toString());
				Object port = ports.getOrDefault(get.get("port").toString(), get.get("port"));
				assertThat(port.toString()).as(service + " " + probe + " port = actuator's (MANAGEMENT_PORT, else PORT)")
					.isEqualTo(listening);
			}
			assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
			assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		}
		Matcher check = Pattern
			.compile("HEALTHCHECK[^\\n]*\\n\\s*CMD curl -fsS \"http://127\\.0\\.0\\.1:\\$\\{PORT}(/[^\"]+)\"")
			.matcher(Files.readString(INFRA.resolve("docker/Dockerfile")));
		assertThat(check.find()).as("the Dockerfile's HEALTHCHECK calls the actuator").isTrue();
		for (String service : SERVICES) {
			assertThat(ServiceConfiguration.read(HOME, service).healthPaths()).as(service).contains(check.group(1));
			Map<String, String> env = new TreeMap<>();
			composeEnvironment(service).forEach((name, value) -> env.put(name, String.valueOf(value)));
			assertThat(ServiceConfiguration.read(HOME, service).managementPort(env))
				.as(service + " in compose.yaml: actuator on PORT, where the image's HEALTHCHECK calls it")
				.isEqualTo(env.get("PORT"));
		}
	}

	@Test
	void podsRunAsNonRootOnAReadOnlyFilesystemWithBoundedMemory() {
		for (String service : SERVICES) {
			Map<String, Object> pod = cast(at(deployment(service), "spec.template.spec"));
			Map<String, Object> container = container(deployment(service));
			assertThat(at(pod, "securityContext.runAsNonRoot")).as(service).isEqualTo(true);
			assertThat(at(container, "securityContext.readOnlyRootFilesystem")).as(service).isEqualTo(true);
			assertThat(at(container, "securityContext.allowPrivilegeEscalation")).as(service).isEqualTo(false);
			assertThat(strings(at(container, "securityContext.capabilities.drop"))).as(service).contains("ALL");
			String tmpVolume = listOf(container.get("volumeMounts")).stream().map(m -> (Map<?, ?>) m)
				.filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> m.get("name").toString()).findFirst()
				.orElseThrow(() -> new AssertionError(service + ": /tmp must be writable (Tomcat, Kafka client)"));
			Map<String, Object> volume = listOf(pod.get("volumes")).stream().<Map<String, Object>>map(v -> cast(v))
				.filter(v -> tmpVolume.equals(v.get("name"))).findFirst().orElseThrow();
			assertThat(volume).as(service + " /tmp").containsKey("emptyDir");
			assertThat(mebibytes(at(container, "resources.limits.memory"))).as(service + " memory limit")
				.isBetween(256L, 512L);
			assertThat(mebibytes(at(container, "resources.requests.memory"))).as(service + " memory request")
				.isLessThanOrEqualTo(mebibytes(at(container, "resources.limits.memory")));
			assertThat(at(container, "resources.requests.cpu")).as(service + " cpu request").isNotNull();
		}
	}

	@Test
	void servicesBudgetsAutoscalersAndPoliciesSelectTheDeployments() {
		int partitions = Integer.parseInt(configMapValue("topics-partitions"));
		for (String service : SERVICES) {
			Map<String, Object> labels = cast(at(deployment(service), "spec.template.metadata.labels"));
			assertThat(labels).as(service + ": the selector matches the pods")
				.containsAllEntriesOf(cast(at(deployment(service), "spec.selector.matchLabels")));
			Map<String, Object> svc = resource("Service", service);
			assertThat(labels).as(service + " Service selects the pods")
				.containsAllEntriesOf(cast(at(svc, "spec.selector")));
			assertThat(labels).as(service + " PodDisruptionBudget selects the pods")
				.containsAllEntriesOf(cast(at(resource("PodDisruptionBudget", service), "spec.selector.matchLabels")));
			Map<String, Object> hpa = resource("HorizontalPodAutoscaler", service);
			assertThat(at(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
			assertThat(at(hpa, "spec.scaleTargetRef.name")).isEqualTo(service);
			Integer minPartitions = ServiceConfiguration.read(HOME, service).minPartitionCount();
			int maxReplicas = (Integer) at(hpa, "spec.maxReplicas");
			assertThat(maxReplicas).as(service + ": a consumer group has no more members than partitions")
				.isLessThanOrEqualTo(partitions);
			if (minPartitions != null) {
				assertThat(maxReplicas).as(service + ": the binder's min-partition-count")
					.isLessThanOrEqualTo(minPartitions);
			}
		}
		List<Map<String, Object>> policies = manifests().stream()
			.filter(r -> r.get("kind").equals("NetworkPolicy")).toList();
		assertThat(policies).as("a default deny for every pod")
			.anyMatch(p -> ((Map<?, ?>) at(p, "spec.podSelector")).isEmpty() && p.get("spec") instanceof Map<?, ?> spec
					&& spec.get("ingress") == null && strings(spec.get("policyTypes")).contains("Ingress"));
		for (Map<String, Object> policy : policies) {
			for (Object rule : listOf(at(policy, "spec.ingress"))) {
				if (((Map<?, ?>) rule).get("from") == null) {
					assertThat(at(policy, "spec.podSelector.matchLabels"))
						.as(name(policy) + " opens to everyone: gateway only")
						.isEqualTo(Map.of("app.kubernetes.io/name", "gateway"));
				}
			}
		}
	}

	@Test
	void topicsAreCreatedWithProductionSettings() throws Exception {
		Set<String> transport = new TreeSet<>();
		for (Field field : Topics.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				transport.add(field.get(null).toString());
			}
		}
		Set<String> deadLetters = new TreeSet<>();
		Set<String> compacted = new TreeSet<>();
		for (String service : SERVICES) {
			deadLetters.addAll(ServiceConfiguration.read(HOME, service).deadLetterTopics());
			compacted.addAll(ServiceConfiguration.read(HOME, service).compactedTopics());
		}
		assertThat(deadLetters).isNotEmpty();

		Map<String, String[]> created = new TreeMap<>();
		Matcher line = Pattern.compile("(?m)^topic (\\S+) (delete|compact)(?: \"\\$(\\w+)\")?\\s*$")
			.matcher(Files.readString(TOPICS_SCRIPT));
		while (line.find()) {
			created.put(line.group(1), new String[] { line.group(2), line.group(3) });
		}
		assertThat(created.keySet()).as("create-topics.sh: Topics and every dead-letter topic")
			.containsAll(transport).containsAll(deadLetters);
		created.forEach((topic, settings) -> {
			assertThat(settings[0]).as(topic + " cleanup.policy")
				.isEqualTo(compacted.contains(topic) ? "compact" : "delete");
			if (settings[0].equals("delete")) {
				assertThat(settings[1]).as(topic + " retention")
					.isEqualTo(deadLetters.contains(topic) ? "DLQ_RETENTION_MS" : "TRANSPORT_RETENTION_MS");
			}
		});

		Map<String, String> compose = new LinkedHashMap<>();
		Map<String, Object> job = composeService("kafka-topics");
		((Map<?, ?>) job.get("environment")).forEach((k, v) -> compose.put(k.toString(), String.valueOf(v)));
		Map<String, String> kubernetes = Map.of("PARTITIONS", configMapValue("topics-partitions"), "REPLICATION_FACTOR",
				configMapValue("topics-replication-factor"), "MIN_INSYNC_REPLICAS",
				configMapValue("topics-min-insync-replicas"), "TRANSPORT_RETENTION_MS",
				configMapValue("topics-transport-retention-ms"), "DLQ_RETENTION_MS",
				configMapValue("topics-dlq-retention-ms"));
		int minPartitions = SERVICES.stream().map(s -> ServiceConfiguration.read(HOME, s).minPartitionCount())
			.filter(Objects::nonNull).max(Integer::compare).orElse(1);
		for (Map<String, String> settings : List.of(compose, kubernetes)) {
			assertThat(settings.get("REPLICATION_FACTOR")).isEqualTo("3");
			assertThat(settings.get("MIN_INSYNC_REPLICAS")).isEqualTo("2");
			assertThat(Integer.parseInt(settings.get("PARTITIONS"))).isGreaterThanOrEqualTo(minPartitions);
			for (String retention : List.of("TRANSPORT_RETENTION_MS", "DLQ_RETENTION_MS")) {
				assertThat(Long.parseLong(settings.get(retention))).as(retention).isPositive()
					.isLessThanOrEqualTo(MAX_RETENTION_MS);
			}
		}
		Map<String, Object> jobContainer = container(resource("Job", "formgate-kafka-topics"));
		List<String> jobEnv = listOf(jobContainer.get("env")).stream()
			.map(e -> ((Map<?, ?>) e).get("name").toString()).toList();
		assertThat(jobEnv).containsAll(kubernetes.keySet()).contains("BOOTSTRAP_SERVERS");
		assertThat(jobContainer.get("image")).isEqualTo(KAFKA_IMAGE);
		assertThat(job.get("image")).isEqualTo(KAFKA_IMAGE);
	}

	/**
	 * The Keycloak realm both Compose and Kubernetes import: every Formgate role (so adding a role to the code fails
	 * here until the realm has it too), the console's confidential client with PKCE and the redirects the gateway
	 * uses, access tokens with the audience and roles claim the admin APIs check, and no secret. Demo users exist
	 * only in Compose's users file, each with the password from the environment.
	 */
	@Test
	void keycloakRealmHasEveryRoleTheConsoleClientAndNoSecret() throws IOException {
		Map<String, Object> realm = loadAll(K8S.resolve("base/keycloak/formgate-realm.json")).getFirst();
		assertThat(realm.get("realm")).isEqualTo("formgate");
		assertThat(realm).doesNotContainKey("users");
		List<Map<String, Object>> roles = cast(at(realm, "roles.realm"));
		assertThat(roles.stream().map(r -> r.get("name").toString())).containsExactlyInAnyOrderElementsOf(AdminRoles.ALL);
		List<Map<String, Object>> clients = cast(realm.get("clients"));
		Map<String, Object> console = clients.stream().filter(c -> "formgate-console".equals(c.get("clientId")))
			.findFirst().orElseThrow();
		assertThat(console).containsEntry("publicClient", false).containsEntry("standardFlowEnabled", true)
			.containsEntry("implicitFlowEnabled", false).containsEntry("directAccessGrantsEnabled", false);
		assertThat(console.get("secret").toString()).as("the secret comes from the environment").matches("\\$\\{[A-Z_]+}");
		Map<String, Object> attributes = cast(console.get("attributes"));
		assertThat(attributes).containsEntry("pkce.code.challenge.method", "S256");
		assertThat(attributes.get("post.logout.redirect.uris").toString()).endsWith("/console/signed-out");
		assertThat(strings(console.get("redirectUris"))).singleElement().asString()
			.endsWith("/login/oauth2/code/formgate");
		List<Map<String, Object>> mappers = cast(console.get("protocolMappers"));
		assertThat(mappers).anySatisfy(m -> {
			assertThat(m.get("protocolMapper")).isEqualTo("oidc-audience-mapper");
			assertThat(at(m, "config.included.custom.audience")).isEqualTo("formgate");
			assertThat(at(m, "config.access.token.claim")).isEqualTo("true");
		});
		assertThat(mappers).anySatisfy(m -> {
			assertThat(m.get("protocolMapper")).isEqualTo("oidc-usermodel-realm-role-mapper");
			Map<String, Object> config = cast(m.get("config"));
			assertThat(config).containsEntry("claim.name", "roles").containsEntry("multivalued", "true")
				.containsEntry("access.token.claim", "true");
		});

		Map<String, Object> demo = loadAll(COMPOSE.getParent().resolve("keycloak/formgate-users-0.json")).getFirst();
		List<Map<String, Object>> users = cast(demo.get("users"));
		for (String role : AdminRoles.ALL) {
			assertThat(users).as("a demo user with only " + role)
				.anySatisfy(u -> assertThat(strings(u.get("realmRoles"))).containsExactly(role));
		}
		assertThat(users).as("a demo user with all roles")
			.anySatisfy(u -> assertThat(strings(u.get("realmRoles"))).containsExactlyInAnyOrderElementsOf(AdminRoles.ALL));
		for (Map<String, Object> user : users) {
			List<Map<String, Object>> credentials = cast(user.get("credentials"));
			credentials.forEach(c -> assertThat(c.get("value").toString()).as(user.get("username") + "'s password")
				.matches("\\$\\{[A-Z_]+}"));
		}
		Map<String, Object> keycloak = composeService("keycloak");
		assertThat(strings(keycloak.get("command"))).contains("--import-realm");
		assertThat(strings(keycloak.get("volumes"))).anyMatch(v -> v.contains("formgate-realm.json"))
			.anyMatch(v -> v.contains("formgate-users-0.json"));
		Map<String, Object> keycloakEnvironment = cast(keycloak.get("environment"));
		keycloakEnvironment.forEach((name, value) -> {
			if (SECRET.matcher(name).matches() && !name.equals("KC_BOOTSTRAP_ADMIN_USERNAME")) {
				assertThat(String.valueOf(value)).as("keycloak: " + name + " from .env, required").matches("\\$\\{[A-Z_]+:\\?[^}]*}");
			}
		});
		Map<String, Object> gateway = composeEnvironment("gateway");
		assertThat(gateway).containsEntry("FORMGATE_CONSOLE_CLIENT_ID", "formgate-console");
		assertThat(gateway.get("FORMGATE_CONSOLE_DISCOVERY_URI").toString()).startsWith("http://keycloak:8080/realms/formgate/");
		assertThat(composeEnvironment("gateway").get("FORMGATE_ADMIN_TOKEN_JWK_SET_URI").toString())
			.contains("http://keycloak:8080/realms/formgate/");
	}

	@Test
	void composeRunsThreeKraftBrokersAMongoReplicaSetAndAMailCatcher() {
		Map<String, Object> services = cast(compose().get("services"));
		List<String> brokers = services.keySet().stream()
			.filter(s -> s.startsWith("kafka-") && !s.equals("kafka-topics")).toList();
		assertThat(brokers).hasSize(3);
		for (String broker : brokers) {
			Map<String, Object> settings = composeService(broker);
			assertThat(settings.get("image")).as(broker + ": the brokers run the clients' Kafka version")
				.isEqualTo(KAFKA_IMAGE);
			Map<String, Object> env = cast(settings.get("environment"));
			assertThat(env.get("KAFKA_PROCESS_ROLES").toString()).contains("controller");
			assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").toString().split(",")).hasSize(3);
			assertThat(env).containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
				.containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3);
		}
		List<String> mongods = services.keySet().stream().filter(s -> s.matches("mongo-\\d")).toList();
		assertThat(mongods).hasSize(3);
		mongods.forEach(m -> assertThat(strings(composeService(m).get("command"))).contains("--replSet"));
		String initiate = String.join(" ", strings(composeService("mongo-init").get("command")));
		assertThat(initiate).contains("rs.initiate");
		mongods.forEach(m -> assertThat(initiate).contains(m + ":27017"));
		for (String service : SERVICES) {
			Map<String, Object> env = composeEnvironment(service);
			assertThat(env.get("MONGODB_URI").toString()).as(service).contains("replicaSet=");
			for (String broker : brokers) {
				assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").toString()).as(service).contains(broker + ":9092");
			}
			if (env.containsKey("SMTP_HOST")) {
				assertThat(services).as(service + " mails through a service of the file")
					.containsKey(env.get("SMTP_HOST").toString());
			}
		}
		services.forEach((name, value) -> {
			Map<String, Object> settings = cast(value);
			Object dependsOn = settings.get("depends_on");
			if (dependsOn instanceof Map<?, ?> map) {
				assertThat(services).as(name + " depends on").containsKeys(map.keySet().toArray(String[]::new));
			}
			for (String volume : strings(settings.get("volumes"))) {
				String source = volume.split(":")[0];
				if (source.startsWith(".")) {
					assertThat(COMPOSE.getParent().resolve(source)).as(name + " mounts").exists();
				}
				else {
					Map<String, Object> declared = cast(compose().get("volumes"));
					assertThat(declared).as(name + " uses a declared volume").containsKey(source);
				}
			}
		});
		assertThat(composeService("gateway").get("ports")).as("the gateway is published").isNotNull();
		for (String service : List.of("newsletter-service", "contact-service", "erasure-service")) {
			assertThat(composeService(service).get("ports")).as(service + " is reached through the gateway only")
				.isNull();
		}
	}

	@Test
	void imagesRunTheServicesExecutableJarsAsAnUnprivilegedUser() throws IOException {
		String dockerfile = Files.readString(INFRA.resolve("docker/Dockerfile"));
		assertThat(dockerfile).contains("COPY ${MODULE}/target/${MODULE}-exec.jar").containsPattern("(?m)^USER 10001");
		for (String service : SERVICES) {
			String pom = Files.readString(HOME.resolve(service).resolve("pom.xml"));
			assertThat(pom).as(service + " builds <module>-exec.jar")
				.contains("<finalName>${project.artifactId}</finalName>").contains("<classifier>exec</classifier>");
			Map<String, Object> build = cast(composeService(service).get("build"));
			assertThat(build).containsEntry("dockerfile", "infra/deploy/docker/Dockerfile");
			assertThat(at(build, "args.MODULE")).isEqualTo(service);
			assertThat(COMPOSE.getParent().resolve(build.get("context").toString()).resolve(service).resolve("pom.xml"))
				.exists();
		}
	}

	// --- what the services demand

	static Set<String> requiredEnvironment(String service) {
		Set<String> required = ServiceConfiguration.read(HOME, service).prodEnvironmentVariables();
		assertThat(required).as(service + " reads MONGODB_URI in prod: the scan of application.yml works")
			.contains("MONGODB_URI");
		return required;
	}

	/**
	 * Settings only the local profile gives must come from the environment in prod by relaxed binding. A map entry
	 * ({@code formgate.contact.topics.<id>.inbox}) may be given under another key than the local profile's.
	 */
	static void assertRelaxedBindingSettings(String service, Set<String> environment, String where) {
		Set<String> required = ServiceConfiguration.read(HOME, service).prodEnvironmentVariables();
		for (String path : ServiceConfiguration.read(HOME, service).settingsOnlyTheLocalProfileGives()) {
			String exact = ServiceConfiguration.environmentName(path);
			String[] segments = path.split("\\.");
			String mapPrefix = segments.length < 4 ? null : ServiceConfiguration
				.environmentName(String.join(".", List.of(segments).subList(0, segments.length - 2))) + "_";
			boolean given = environment.contains(exact) || required.stream().anyMatch(exact::equals)
					|| (mapPrefix != null && environment.stream().anyMatch(e -> e.startsWith(mapPrefix)));
			assertThat(given).as(service + " in " + where + ": " + path + " has a value only in the local profile; set "
					+ exact + (mapPrefix == null ? "" : " or " + mapPrefix + "…")).isTrue();
		}
	}

	// --- Kubernetes

	static synchronized List<Map<String, Object>> manifests() {
		if (manifests == null) {
			String kubectl = executable("kubectl");
			if (kubectl != null) {
				rendered = render(kubectl);
				manifests = loadAll(rendered);
			}
			else if (REQUIRED) {
				fail("kubectl is required to render the prod overlay (formgate.k8s.required=true)");
			}
			else {
				manifests = new ArrayList<>();
				Map<String, Object> base = loadAll(K8S.resolve("base/kustomization.yaml")).getFirst();
				for (String resource : strings(base.get("resources"))) {
					manifests.addAll(loadAll(K8S.resolve("base").resolve(resource)));
				}
			}
		}
		return manifests;
	}

	/** The prod overlay rendered by kustomize into a file that lives as long as the test JVM. */
	private static Path render(String kubectl) {
		try {
			Path output = Files.createTempFile("formgate-prod", ".yaml");
			output.toFile().deleteOnExit();
			Process process = new ProcessBuilder(kubectl, "kustomize", PROD_OVERLAY.toString())
				.redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
			String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finishes").isTrue();
			assertThat(process.exitValue()).as("kubectl kustomize " + PROD_OVERLAY + ": " + errors).isZero();
			return output;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static String executable(String name) {
		return Stream.of(System.getenv("PATH").split(":")).map(p -> Path.of(p, name)).filter(Files::isExecutable)
			.map(Path::toString).findFirst().orElse(null);
	}

	static Set<String> kinds() {
		Set<String> kinds = new TreeSet<>();
		manifests().forEach(r -> kinds.add(r.get("kind").toString()));
		return kinds;
	}

	static Map<String, Object> resource(String kind, String name) {
		return manifests().stream().filter(r -> r.get("kind").equals(kind) && name.equals(at(r, "metadata.name")))
			.findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
	}

	static Map<String, Object> deployment(String service) {
		return resource("Deployment", service);
	}

	static Map<String, Object> container(Map<String, Object> workload) {
		List<Object> containers = listOf(at(workload, "spec.template.spec.containers"));
		assertThat(containers).as(name(workload)).hasSize(1);
		return cast(containers.getFirst());
	}

	/** The ConfigMap of that name; kustomize may have appended a content hash to it. */
	static Map<String, Object> configMap(String name) {
		return resource("ConfigMap", name);
	}

	static String configMapValue(String key) {
		Map<String, Object> data = cast(configMap("formgate-config").get("data"));
		return String.valueOf(data.get(key));
	}

	static Map<String, Map<String, Object>> kubernetesEnvironment(String service) {
		Map<String, Map<String, Object>> env = new TreeMap<>();
		Map<String, Object> container = container(deployment(service));
		listOf(container.get("env")).forEach(e -> env.put(((Map<?, ?>) e).get("name").toString(), cast(e)));
		assertThat(container.get("envFrom")).as(service + ": every variable named in env").isNull();
		return env;
	}

	static String imageTag() {
		Map<String, Object> kustomization = loadAll(PROD_OVERLAY.resolve("kustomization.yaml")).getFirst();
		return ((Map<?, ?>) listOf(kustomization.get("images")).getFirst()).get("newTag").toString();
	}

	static String name(Map<String, Object> resource) {
		return resource.get("kind") + " " + at(resource, "metadata.name");
	}

	// --- Compose

	static Map<String, Object> compose() {
		return loadAll(COMPOSE).getFirst();
	}

	static Map<String, Object> composeService(String name) {
		Object service = ((Map<?, ?>) compose().get("services")).get(name);
		assertThat(service).as("compose.yaml service " + name).isInstanceOf(Map.class);
		return cast(service);
	}

	static Map<String, Object> composeEnvironment(String service) {
		Object environment = composeService(service).get("environment");
		assertThat(environment).as(service + ": environment as a map").isInstanceOf(Map.class);
		return cast(environment);
	}

	// --- YAML

	static List<Map<String, Object>> loadAll(Path file) {
		try {
			List<Map<String, Object>> documents = new ArrayList<>();
			for (Object document : new Yaml().loadAll(Files.readString(file))) {
				if (document != null) {
					assertThat(document).as(file + ": each document is a mapping").isInstanceOf(Map.class);
					documents.add(cast(document));
				}
			}
			return documents;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static List<Path> yamlFiles(Path... roots) throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path root : roots) {
			try (Stream<Path> walk = Files.walk(root)) {
				walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
					.forEach(files::add);
			}
		}
		return files;
	}

	static List<Object> listOf(Object value) {
		return value == null ? List.of() : cast(value);
	}

	static List<String> strings(Object value) {
		return listOf(value).stream().map(String::valueOf).toList();
	}

	static long mebibytes(Object quantity) {
		String text = String.valueOf(quantity);
		if (text.endsWith("Mi")) {
			return Long.parseLong(text.substring(0, text.length() - 2));
		}
		if (text.endsWith("Gi")) {
			return Long.parseLong(text.substring(0, text.length() - 2)) * 1024;
		}
		throw new AssertionError("memory as Mi or Gi: " + text);
	}
}
