package dev.formgate.infra;

import dev.formgate.events.SubjectRefs;
import dev.formgate.identity.IdentityProvider;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole of Formgate on one machine, without Docker: Kafka (KRaft), a MongoDB-wire server and the dev mail server
 * in this JVM, then each service in its own JVM against them. Closing it stops everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {

	/** The console's client at the local identity provider. */
	static final String CONSOLE_CLIENT = "formgate-console";

	/** The services, in start order, with the environment variable the gateway reads their address from. */
	static final Map<String, String> SERVICES = servicesInOrder();

	private final Settings settings;
	private final List<AutoCloseable> started = new ArrayList<>();
	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
	private DevMailServer mail;
	private EmbeddedKafka kafka;
	private EmbeddedMongo mongo;
	private AdminKeys adminKeys;
	private LocalSecrets secrets;
	private DemoStaff staff;
	private IdentityProvider identity;
	private boolean closed;

	public LocalStack(Settings settings) {
		this.settings = settings;
	}

	/**
	 * @param home the repository root (service jars are found under {@code <module>/target})
	 * @param dataDirectory where Kafka's log, the MongoDB file and the service logs live
	 * @param persistentStore keep MongoDB data in a file under the data directory (else in memory)
	 * @param ports where everything listens
	 * @param extraEnvironment added to every service's environment (tests shorten intervals this way)
	 * @param external Kafka and MongoDB to use instead of starting the embedded ones, or {@code null}
	 */
	public record Settings(Path home, Path dataDirectory, boolean persistentStore, Ports ports,
			Map<String, String> extraEnvironment, External external) {

		public Settings(Path home, Path dataDirectory, boolean persistentStore, Ports ports,
				Map<String, String> extraEnvironment) {
			this(home, dataDirectory, persistentStore, ports, extraEnvironment, null);
		}
	}

	/**
	 * A Kafka cluster and a MongoDB server that run elsewhere (the Testcontainers suite's images, say).
	 *
	 * @param kafkaBootstrapServers {@code host:port,…}
	 * @param mongoUri a connection string without a database, e.g. {@code mongodb://host:port/?directConnection=true};
	 * each service gets its own database in it
	 */
	public record External(String kafkaBootstrapServers, String mongoUri) {

		String mongoUri(String database) {
			int query = mongoUri.indexOf('?');
			String server = (query < 0 ? mongoUri : mongoUri.substring(0, query)).replaceAll("/+$", "");
			return server + "/" + database + (query < 0 ? "" : mongoUri.substring(query));
		}
	}

	/** Where everything listens; {@link #defaults()} are the documented ports. */
	public record Ports(int gateway, int newsletter, int contact, int erasure, int comment, int kafka, int kafkaController,
			int mongo, int smtp, int imap, int inbox, int identity) {

		public static Ports defaults() {
			return new Ports(8080, 8081, 8082, 8083, 8084, 9092, 9093, 27017, 3025, 3143, 8025, 9000);
		}

		int service(String name) {
			return switch (name) {
				case "gateway" -> gateway;
				case "newsletter-service" -> newsletter;
				case "contact-service" -> contact;
				case "erasure-service" -> erasure;
				case "comment-service" -> comment;
				default -> throw new IllegalArgumentException(name);
			};
		}
	}

	public static LocalStack start(Settings settings) throws IOException {
		return new LocalStack(settings).start();
	}

	/** Starts everything, or stops again what had started and throws. */
	public LocalStack start() throws IOException {
		try {
			startAll();
			return this;
		}
		catch (IOException | RuntimeException e) {
			close();
			throw e;
		}
	}

	private void startAll() throws IOException {
		Path data = settings.dataDirectory();
		Ports ports = settings.ports();
		Files.createDirectories(data);
		adminKeys = AdminKeys.loadOrCreate(data, issuer(ports));
		secrets = LocalSecrets.loadOrCreate(data);
		staff = DemoStaff.loadOrCreate(data);
		if (settings.external() == null) {
			mongo = track(EmbeddedMongo.start(settings.persistentStore() ? data.resolve("mongo/formgate.mv") : null,
					ports.mongo()));
		}
		mail = track(DevMailServer.start(ports.smtp(), ports.imap(), ports.inbox()));
		identity = track(IdentityProvider.start(new IdentityProvider.Settings(ports.identity(), issuer(ports),
				adminKeys.keyPair(), AdminKeys.AUDIENCE, staff.users(),
				List.of(new IdentityProvider.Client(CONSOLE_CLIENT, secrets.consoleClientSecret(),
						gatewayUrl() + "/login/oauth2/code/formgate", gatewayUrl() + "/console/signed-out")),
				Duration.ofMinutes(5))));
		if (settings.external() == null) {
			kafka = track(EmbeddedKafka.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController()));
		}

		// All services boot at once: on two cores that is faster than one after another.
		for (String name : SERVICES.keySet()) {
			launch(name);
		}
		Instant deadline = Instant.now().plus(startTimeout());
		services.values().forEach(service -> service.awaitHealthy(deadline));
	}

	private ServiceProcess launch(String name) throws IOException {
		Path jar = settings.home().resolve(name).resolve("target").resolve(name + "-exec.jar");
		var process = ServiceProcess.start(name, jar, settings.ports().service(name), environment(name),
				logDirectory());
		services.put(name, track(process));
		return process;
	}

	/** Stops one service gracefully, as an operator would; {@link #startService} brings it back. */
	public synchronized void stopService(String name) {
		ServiceProcess process = services.remove(name);
		if (process != null) {
			started.remove(process);
			process.close();
		}
	}

	/**
	 * Kills one service's JVM at once ({@code kill -9}: no shutdown hooks, nothing flushed, in-flight requests cut), as
	 * a crash or the OOM killer would; {@link #startService} brings it back.
	 */
	public synchronized void killService(String name) {
		ServiceProcess process = services.remove(name);
		if (process != null) {
			started.remove(process);
			process.kill();
		}
	}

	/** Starts a stopped or killed service again with the same settings and waits until it is healthy. */
	public void startService(String name) throws IOException {
		launch(name).awaitHealthy(Instant.now().plus(startTimeout()));
	}

	/**
	 * Starts a second instance of a service on {@code port}, on the same database, topics and consumer groups, as a
	 * second replica would run (newsletter-service: the two share a campaign's work). It is the service
	 * {@code <name>-2} to {@link #killService} and {@link #stopService}; stopped with the stack.
	 */
	public void startReplica(String name, int port) throws IOException {
		Path jar = settings.home().resolve(name).resolve("target").resolve(name + "-exec.jar");
		Map<String, String> env = environment(name);
		env.put("FORMGATE_SECURITY_LOG", logDirectory().resolve(name + "-2-security.log").toString());
		var process = ServiceProcess.start(name + "-2", jar, port, env, logDirectory());
		synchronized (this) {
			services.put(name + "-2", track(process));
		}
		process.awaitHealthy(Instant.now().plus(startTimeout()));
	}

	/**
	 * Starts another gateway instance on {@code port}, in front of the same services and on the same database, as a
	 * second replica behind a load balancer would run; it shares the rate limits and the used proof-of-work solutions
	 * with the first. Stopped with the stack. Returns its base URL.
	 */
	public String startSecondGateway(int port) throws IOException {
		Path jar = settings.home().resolve("gateway").resolve("target").resolve("gateway-exec.jar");
		Map<String, String> env = environment("gateway");
		env.put("FORMGATE_SECURITY_LOG", logDirectory().resolve("gateway-2-security.log").toString());
		var process = track(ServiceProcess.start("gateway-2", jar, port, env, logDirectory()));
		process.awaitHealthy(Instant.now().plus(startTimeout()));
		return "http://localhost:" + port;
	}

	/** Stops the Kafka broker (controlled shutdown); clients see a broker that is gone until {@link #startKafka}. */
	public void stopKafka() {
		kafka.stopBroker();
	}

	/** Starts the Kafka broker again on the same log directory and ports; returns once it answers. */
	public void startKafka() {
		kafka.startBroker();
	}

	/**
	 * Stops the MongoDB server like a crash: the port closes and open connections are cut. Data survives only with
	 * a persistent store ({@link Settings#persistentStore()}); in memory, {@link #startMongo} starts empty.
	 */
	public void stopMongo() {
		mongo.stopServer();
	}

	/** Starts the MongoDB server again on the same port (and file, for a persistent store). */
	public void startMongo() {
		mongo.startServer();
	}

	/** Stops accepting mail: SMTP connections are refused. Mails received so far stay readable ({@link #mails()}). */
	public void stopSmtp() {
		mail.stopSmtp();
	}

	/** Accepts mail over SMTP again, into the same store. */
	public void startSmtp() {
		mail.startSmtp();
	}

	/** How long services may take to become healthy: 120 s, or {@code -Dformgate.stack.start-timeout=300s}. */
	private static Duration startTimeout() {
		return Duration.parse("PT" + System.getProperty("formgate.stack.start-timeout", "120s"));
	}

	private Map<String, String> environment(String service) {
		Ports ports = settings.ports();
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_PROFILES_ACTIVE", "local");
		env.put("MONGODB_URI", mongoUri("formgate-" + service.replace("-service", "")));
		env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
		env.put("SMTP_HOST", "127.0.0.1");
		env.put("SMTP_PORT", String.valueOf(ports.smtp()));
		env.put("IMAP_PORT", String.valueOf(ports.imap()));
		env.put("FORMGATE_PUBLIC_BASE_URL", "http://localhost:" + ports.gateway());
		env.putAll(secrets.environment());
		env.put("FORMGATE_ADMIN_TOKEN_ISSUER", issuer(ports));
		if (service.equals("gateway")) {
			env.put("FORMGATE_CONSOLE_CLIENT_ID", CONSOLE_CLIENT);
			env.put("FORMGATE_CONSOLE_CLIENT_SECRET", secrets.consoleClientSecret());
		}
		env.put("FORMGATE_ADMIN_TOKEN_PUBLIC_KEY", adminKeys.publicKeyLocation());
		env.put("FORMGATE_SECURITY_LOG", logDirectory().resolve(service + "-security.log").toString());
		SERVICES.forEach((name, variable) -> {
			if (variable != null) {
				env.put(variable, "http://127.0.0.1:" + ports.service(name));
			}
		});
		env.putAll(settings.extraEnvironment());
		return env;
	}

	private synchronized <T extends AutoCloseable> T track(T resource) {
		if (closed) {
			closeQuietly(resource);
			throw new IllegalStateException("the local stack is stopping");
		}
		started.add(resource);
		return resource;
	}

	/** A signed admin token with the given roles (all roles when none are given), valid for {@code ttl}. */
	public String adminToken(Duration ttl, String... roles) {
		return adminKeys.token(List.of(roles), ttl);
	}

	/** The subjectRef every service derives for this address with the stack's pepper, to find its events. */
	public String subjectRef(String email) {
		return new SubjectRefs(secrets.environment().get("FORMGATE_PEPPER")).of(email).value();
	}

	/**
	 * The local identity provider's issuer: its address, which is also the {@code iss} of every admin token. An IP
	 * address, as the gateway's routes use: "localhost" may resolve to ::1 first, where nothing listens.
	 */
	static String issuer(Ports ports) {
		return "http://127.0.0.1:" + ports.identity();
	}

	/** The generated password of a demo staff member (user name = role, {@code all-roles}, {@code no-role}). */
	public String staffPassword(String username) {
		return staff.password(username);
	}

	public String identityProviderUrl() {
		return issuer(settings.ports());
	}

	/**
	 * The commands the embedded MongoDB-wire server has answered since it started, {@code "<database> <command>"} →
	 * count (empty with an external store): the benchmark counts a sign-up's store round trips with it.
	 */
	public Map<String, Long> storeCommands() {
		return mongo == null ? Map.of() : mongo.commands();
	}

	/**
	 * The queries the embedded store answered by reading a whole collection since it started,
	 * {@code "<database>.<collection> <shape>"} (fields and operators, no values) → {scans, documents read}; empty
	 * with an external store. What grows with the store shows here (bin/bench).
	 */
	public Map<String, long[]> storeScans() {
		return mongo == null ? Map.of() : mongo.scans();
	}

	/** Where a service listens, straight (not through the gateway). */
	public URI serviceUrl(String name) {
		return URI.create("http://127.0.0.1:" + settings.ports().service(name));
	}

	/** The repository root the stack was started from (where the jars are). */
	public Path home() {
		return settings.home();
	}

	public String gatewayUrl() {
		return "http://localhost:" + settings.ports().gateway();
	}

	public String kafkaBootstrapServers() {
		return settings.external() != null ? settings.external().kafkaBootstrapServers() : kafka.bootstrapServers();
	}

	public String mongoUri(String database) {
		return settings.external() != null ? settings.external().mongoUri(database) : mongo.uri(database);
	}

	/** Where each service writes its log, {@code <service>.log}. */
	public Path logDirectory() {
		return settings.dataDirectory().resolve("logs");
	}

	public int smtpPort() {
		return settings.ports().smtp();
	}

	/** The JVM options each service starts with (see {@code formgate.service.jvm-options}). */
	public static List<String> serviceJvmOptions() {
		return ServiceProcess.jvmOptions();
	}

	/** The process id of each running service JVM, in start order (the benchmark reads their memory). */
	public Map<String, Long> servicePids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		services.forEach((name, process) -> pids.put(name, process.pid()));
		return pids;
	}

	/** The stack's subjectRef derivation, with the pepper its services share (to seed stores as they would). */
	public SubjectRefs subjectRefs() {
		return new SubjectRefs(secrets.pepper());
	}

	/** Calls {@code listener} with each recipient address as the SMTP server takes the mail in. */
	public void onMailDelivered(Consumer<String> listener) {
		mail.onDelivery(listener);
	}

	/** Forgets every mail received so far (the benchmark's mails would otherwise fill the heap). */
	public void clearMails() {
		mail.purge();
	}

	/**
	 * Removes every address's mailbox with its mails, but the bounce mailbox, so that a measurement starts with the
	 * mail server holding as few addresses as after the start; returns how many were removed.
	 */
	public int removeMailboxes() {
		return mail.removeMailboxes();
	}

	/** Every mail the SMTP server has accepted, oldest first. */
	public List<MimeMessage> mails() {
		return mail.messages();
	}

	/** Every record on the topic so far, from the start, as raw bytes (to check what travels, byte for byte). */
	public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
		try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafkaBootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
				.map(p -> new TopicPartition(topic, p.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	/** The mails the SMTP server has accepted for {@code address} (in To), oldest first. */
	public List<MimeMessage> mailsTo(String address) {
		return mails().stream().filter(message -> {
			try {
				var to = message.getRecipients(Message.RecipientType.TO);
				return to != null && Arrays.stream(to).anyMatch(recipient -> recipient.toString().equals(address));
			}
			catch (MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	/** What to print for a person: where everything is. */
	public String describe() {
		Ports p = settings.ports();
		StringBuilder text = new StringBuilder();
		text.append(String.format("  %-20s %s%n", "Demo page", "http://localhost:" + p.gateway() + "/"));
		text.append(String.format("  %-20s %s%n", "Staff console", "http://localhost:" + p.gateway() + "/console"));
		text.append(String.format("  %-20s %s  (demo staff below; user name = role)%n", "Identity provider",
				issuer(p)));
		for (IdentityProvider.User user : staff.users()) {
			text.append(String.format("  %-20s %-20s password %s%n", "", user.username(), user.password()));
		}
		text.append(String.format("  %-20s %s%n", "Dev inbox", "http://localhost:" + p.inbox() + "/"));
		text.append(String.format("  %-20s %s%n", "Gateway", "http://localhost:" + p.gateway()));
		for (ServiceProcess service : services.values()) {
			if (!service.name().equals("gateway")) {
				text.append(String.format("  %-20s %s  (log %s)%n", service.name(),
						"http://localhost:" + service.port(), service.log()));
			}
		}
		text.append(String.format("  %-20s %s%n", "Kafka (KRaft)", kafkaBootstrapServers()));
		text.append(String.format("  %-20s %s%n", "MongoDB (wire)", mongoUri("") + (settings.persistentStore()
				? "  (file " + settings.dataDirectory().resolve("mongo") + ")" : "  (in memory)")));
		text.append(String.format("  %-20s %s%n", "SMTP", "127.0.0.1:" + p.smtp()));
		text.append(String.format("  %-20s %s%n", "IMAP", "127.0.0.1:" + p.imap() + "  (user = password = the address)"));
		text.append(String.format("  %-20s %s%n", "Data", settings.dataDirectory()));
		return text.toString();
	}

	@Override
	public synchronized void close() {
		closed = true;
		List<AutoCloseable> reversed = new ArrayList<>(started);
		Collections.reverse(reversed);
		// Services first (they flush their relays), then Kafka, mail and the store.
		reversed.parallelStream().filter(ServiceProcess.class::isInstance).forEach(LocalStack::closeQuietly);
		reversed.stream().filter(r -> !(r instanceof ServiceProcess)).forEach(LocalStack::closeQuietly);
		started.clear();
	}

	private static void closeQuietly(AutoCloseable resource) {
		try {
			resource.close();
		}
		catch (Exception e) {
			System.err.println("Stopping " + resource.getClass().getSimpleName() + " failed: " + e);
		}
	}

	private static Map<String, String> servicesInOrder() {
		Map<String, String> services = new LinkedHashMap<>();
		services.put("newsletter-service", "NEWSLETTER_SERVICE_URI");
		services.put("contact-service", "CONTACT_SERVICE_URI");
		services.put("comment-service", "COMMENT_SERVICE_URI");
		services.put("erasure-service", "ERASURE_SERVICE_URI");
		services.put("gateway", null);
		return services;
	}
}
