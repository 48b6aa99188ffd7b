package dev.formgate.infra.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import dev.formgate.events.SubjectRefs;
import dev.formgate.infra.LocalStack;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The measurements, run against a started {@link LocalStack}: the ceilings of the parts the stack is made of, then
 * what Formgate makes of them (intake, confirmation latency, a campaign, erasure at scale), and the services' memory. Every figure
 * is a row of the {@link Report}; figures that could not be taken are rows too, with the reason.
 */
public final class Benchmark {

	/** How long each stage runs: smoke only proves the harness works, full is the run behind BENCHMARKS.md. */
	public enum Mode {
		SMOKE(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 3, 500,
				2_000, Duration.ofSeconds(1)),
		QUICK(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), 12, Duration.ofSeconds(5), 30, 10_000,
				100_000, Duration.ofSeconds(65)),
		FULL(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(6), 14, Duration.ofSeconds(10), 60, 10_000,
				1_000_000, Duration.ofSeconds(65));

		/** Closed loops run this long first, uncounted, so that every path is compiled before it is measured. */
		final Duration warmUp;
		final Duration ceiling;
		final Duration step;
		final int maxSteps;
		final Duration confirmation;
		final int erasures;
		final int smallSeed;
		final int largeSeed;
		/** How long the store is watched idle at the large size (at least one relay sweep). */
		final Duration idleWindow;

		Mode(Duration warmUp, Duration ceiling, Duration step, int maxSteps, Duration confirmation, int erasures,
				int smallSeed, int largeSeed, Duration idleWindow) {
			this.warmUp = warmUp;
			this.ceiling = ceiling;
			this.step = step;
			this.maxSteps = maxSteps;
			this.confirmation = confirmation;
			this.erasures = erasures;
			this.smallSeed = smallSeed;
			this.largeSeed = largeSeed;
			this.idleWindow = idleWindow;
		}
	}

	/** The embedded store's two backends; intake is reported for both. */
	public enum Store {
		MEMORY("memory", "in-memory"), FILE("file", "file-backed (H2)");

		final String id;
		final String label;

		Store(String id, String label) {
			this.id = id;
			this.label = label;
		}
	}

	static final String MAIL_DOMAIN = "bench.example.net";
	/** Intake p99 beyond which a rate no longer counts as sustained. */
	static final double P99_LIMIT_MS = 50;
	/** Beyond this p99 (or any answer but 202) a rate is not served at all, and the ramp stops. */
	static final double SERVED_P99_MS = 1_000;
	static final double CONFIRMATION_RATE = 200;
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
	/** A routed call the newsletter-service answers without any work (see {@link #noOpRoute}). */
	static final String NO_OP_ROUTE = "/api/newsletter/no-op";
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Set<String> FINISHED = Set.of("COMPLETED", "PARTIAL", "FAILED", "CANCELLED");

	private final Mode mode;
	private final Report report = new Report();
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5)).build();
	private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
	/** Client addresses: each sign-up its own, 100 per /24, so the per-address and per-network limits never bite. */
	private final AtomicLong clients = new AtomicLong();
	private final AtomicLong signUps = new AtomicLong();
	private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
	private final AtomicLong delivered = new AtomicLong();

	/** The stages a run measures ({@code bin/bench --stages}); all by default. */
	public enum Stage {
		CEILINGS, INTAKE, CONFIRMATION, CAMPAIGN, ERASURE, COMMENTS
	}

	private final Set<Stage> stages;

	/**
	 * The campaign stage's list and how long it may send ({@code bin/bench --campaign-size N --campaign-seconds S}):
	 * {@code recipients} 0 is the mode's size; {@code seconds} null sends the whole list, otherwise the campaign is
	 * cancelled after that long.
	 */
	public record CampaignSize(int recipients, Duration seconds) {

		public static final CampaignSize DEFAULT = new CampaignSize(0, null);

		boolean bounded() {
			return seconds != null;
		}
	}

	private final CampaignSize campaignSize;

	public Benchmark(Mode mode) {
		this(mode, java.util.EnumSet.allOf(Stage.class), CampaignSize.DEFAULT);
	}

	public Benchmark(Mode mode, Set<Stage> stages, CampaignSize campaignSize) {
		this.mode = mode;
		this.stages = stages;
		this.campaignSize = campaignSize;
		Runtime runtime = Runtime.getRuntime();
		report.machine("date", Instant.now().toString());
		report.machine("mode", mode.name().toLowerCase(Locale.ROOT));
		report.machine("cores", String.valueOf(runtime.availableProcessors()));
		report.machine("memory", memTotal());
		report.machine("load average at start", loadAverage());
		report.machine("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		report.machine("service JVM options", String.join(" ", LocalStack.serviceJvmOptions()));
		report.machine("commit", System.getProperty("formgate.commit", "unknown"));
	}

	/** Runs every stage for this store on the running stack; {@code startedIn} is how long its start took, or null. */
	public void runOn(LocalStack stack, Store store, Duration startedIn) throws Exception {
		System.out.println("== " + store.label + " store");
		stack.onMailDelivered(this::mailDelivered);
		if (startedIn != null) {
			report.add("start." + store.id, "start command to all services healthy (as bin/run), " + store.label,
					startedIn.toMillis() / 1000.0, "s", "≤ 30", "Kafka, MongoDB-wire, SMTP in this JVM, then 4 JVMs at once");
		}
		else {
			report.skip("start." + store.id, "start command to all services healthy (as bin/run), " + store.label, "s",
					"≤ 30", "stack was already running (shared test stack)");
		}
		Thread.sleep(mode == Mode.SMOKE ? 500 : 5_000); // let start-up work (JIT, first connections) settle
		Map<String, Long> pids = new LinkedHashMap<>(stack.servicePids());
		pids.put("infra", ProcessHandle.current().pid());
		Map<String, Long> idle = rss(pids);
		Templates templates = templates(stack);

		Map<String, Long> peak = new ConcurrentHashMap<>(idle);
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = Thread.ofPlatform().daemon().start(() -> {
			while (sampling.get()) {
				rss(pids).forEach((name, kb) -> peak.merge(name, kb, Math::max));
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		});
		try {
			if (stages.contains(Stage.CEILINGS)) {
				var ceilings = new HttpCeilings(report, mode, stack, store);
				try (BareApps bare = BareApps.start(stack, "formgate-bare-" + store.id, store == Store.MEMORY)) {
					ceilings.bareMemory(bare, rss(bare.pids()));
					ceilings.run(bare);
				}
			}
			if (store == Store.MEMORY && stages.contains(Stage.COMMENTS)) {
				new CommentReads(report, mode, http, run).run(stack);
			}
			insertCeiling(stack, store, templates.subscription());
			if (store == Store.MEMORY) {
				kafkaCeilings(stack);
				smtpCeiling(stack);
			}
			if (stages.contains(Stage.INTAKE)) {
				intake(stack, store);
			}
		}
		finally {
			sampling.set(false);
			sampler.join();
		}
		for (String name : pids.keySet()) {
			report.add("rss." + store.id + ".idle." + name, name + " RSS idle, " + store.label,
					idle.getOrDefault(name, 0L) / 1024.0, "MiB", name.equals("infra") ? "" : "≤ 256", name.equals("infra")
							? "this JVM: Kafka, MongoDB-wire server, SMTP and the load generator"
							: "VmRSS after start-up settled", rssCeiling(name, true), "rss.bare.idle.bare-mvc");
			report.add("rss." + store.id + ".load." + name, name + " RSS under load (peak), " + store.label,
					peak.getOrDefault(name, 0L) / 1024.0, "MiB", name.equals("infra") ? "" : "≤ 384",
					"highest VmRSS sampled every 250 ms during ceilings and intake", rssCeiling(name, false),
					"rss.bare.load.bare-mvc");
		}
		if (store == Store.MEMORY && stages.contains(Stage.CONFIRMATION)) {
			relayDrain(stack);
			confirmation(stack);
		}
		// a bounded campaign (a list too large for the harness's heap) runs on whichever store the run names
		if ((store == Store.MEMORY || campaignSize.bounded()) && stages.contains(Stage.CAMPAIGN)) {
			awaitMailsDrained(stack);
			new CampaignSending(report, mode, campaignSize, http, run).run(stack, templates.subscription());
		}
		if (store == Store.MEMORY && stages.contains(Stage.ERASURE)) {
			erasure(stack, templates);
		}
		stack.clearMails();
	}

	/** A bare Spring MVC application's RSS: the floor a service's memory is compared with (none for the harness). */
	private double rssCeiling(String name, boolean idle) {
		return name.equals("infra") ? Double.NaN : report.value("rss.bare." + (idle ? "idle" : "load") + ".bare-mvc");
	}

	/** Only the start time and each service's idle memory (to compare JVM options quickly). */
	public void idleOnly(LocalStack stack, Store store, Duration startedIn) throws InterruptedException {
		report.add("start." + store.id, "start command to all services healthy (as bin/run), " + store.label,
				startedIn.toMillis() / 1000.0, "s", "≤ 30", "");
		Thread.sleep(5_000);
		Map<String, Long> pids = new LinkedHashMap<>(stack.servicePids());
		pids.put("infra", ProcessHandle.current().pid());
		rss(pids).forEach((name, kb) -> report.add("rss." + store.id + ".idle." + name, name + " RSS idle, "
				+ store.label, kb / 1024.0, "MiB", name.equals("infra") ? "" : "≤ 256", ""));
	}

	/** The rows of a store that was not run (in the smoke test, which has one shared stack). */
	public void skip(Store store, String reason) {
		report.skip("start." + store.id, "start command to all services healthy (as bin/run), " + store.label, "s",
				"≤ 30", reason);
		report.skip("ceiling." + store.id + ".bare-mvc-insert", "bare Spring MVC sign-up, " + store.label, "req/s", "",
				reason);
		report.skip("ceiling." + store.id + ".mongo-insert", "single-document inserts, " + store.label, "docs/s", "",
				reason);
		report.skip("ceiling." + store.id + ".sign-up-store-bound", "store-bound ceiling of a sign-up, " + store.label,
				"sign-ups/s", "", reason);
		report.skip("intake." + store.id + ".served", "highest rate served in full (every answer 202, p99 ≤ 1 s), "
				+ store.label, "sign-ups/s", "", reason);
		report.skip("intake." + store.id + ".cpu-per-sign-up", "CPU time per sign-up, the services together, "
				+ store.label, "ms", "", reason);
		report.skip("ceiling." + store.id + ".sign-up-cpu-bound", "CPU-bound ceiling of a sign-up, " + store.label,
				"sign-ups/s", "", reason);
		intakeSkipped(store, reason);
		for (String name : List.of("newsletter-service", "contact-service", "erasure-service", "gateway", "infra")) {
			report.skip("rss." + store.id + ".idle." + name, name + " RSS idle, " + store.label, "MiB", "≤ 256", reason);
			report.skip("rss." + store.id + ".load." + name, name + " RSS under load (peak), " + store.label, "MiB",
					"≤ 384", reason);
		}
	}

	/** Writes {@code results.md} and {@code results.json}. */
	public void write(Path directory) throws java.io.IOException {
		Targets.judge(report);
		report.write(directory);
	}

	/** A row's value, NaN if it has none. */
	public double value(String id) {
		return report.value(id);
	}

	/** The ids of every row so far. */
	public List<String> rowIds() {
		return report.rows().stream().map(Report.Row::id).toList();
	}

	// ---- ceilings

	/** insertOne with the real driver, straight into the stack's store: the store's write ceiling. */
	private double insertCeiling(LocalStack stack, Store store, Document template) throws Exception {
		try (MongoClient client = MongoClients.create(stack.mongoUri("formgate-bench"))) {
			MongoCollection<Document> inserts = client.getDatabase("formgate-bench").getCollection("inserts");
			inserts.createIndex(Indexes.ascending("subjectRef", "list"), new IndexOptions().unique(true));
			Load.Operation insert = thread -> {
				Document copy = new Document(template);
				copy.put("_id", UUID.randomUUID().toString());
				copy.put("subjectRef", UUID.randomUUID().toString());
				inserts.insertOne(copy);
			};
			Load.closedLoop(8, mode.warmUp, insert);
			var result = Load.closedLoop(8, mode.ceiling, insert);
			report.add("ceiling." + store.id + ".mongo-insert", "single-document inserts (insertOne, real driver, "
					+ "unique index), " + store.label, result.perSecond(), "docs/s", "",
					"8 threads, a subscription-shaped document; " + result.failed() + " failed");
			client.getDatabase("formgate-bench").drop();
			return result.perSecond();
		}
	}

	private void kafkaCeilings(LocalStack stack) throws Exception {
		Properties settings = new Properties();
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
		// The services' producer settings (application.yml, spring.cloud.stream.kafka.binder).
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
		settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
		settings.put(ProducerConfig.LINGER_MS_CONFIG, "0");
		settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		byte[] value = new byte[400]; // about a CloudEvent with a subjectRef
		ThreadLocalRandom.current().nextBytes(value);
		String topic = "bench.ceiling." + run;
		try (var producer = new KafkaProducer<byte[], byte[]>(settings)) {
			producer.send(new ProducerRecord<>(topic, value)).get(); // creates the topic
			AtomicLong acked = new AtomicLong();
			var async = Load.closedLoop(1, mode.ceiling, thread -> producer.send(new ProducerRecord<>(topic,
					UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), value), (metadata, error) -> {
						if (error == null) {
							acked.incrementAndGet();
						}
					}));
			producer.flush();
			report.add("ceiling.kafka-produce", "Kafka producer, services' settings (acks=all, idempotent, linger 0), "
					+ "asynchronous", acked.get() / (mode.ceiling.toMillis() / 1000.0), "records/s", "",
					"400-byte records, one producer, sends not awaited; " + async.failed() + " failed");
			var sync = Load.closedLoop(1, mode.ceiling, thread -> producer.send(new ProducerRecord<>(topic,
					UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), value)).get());
			report.add("ceiling.kafka-produce-sync", "Kafka producer, same settings, each send awaited (as the relays "
					+ "publish: binder sync=true)", sync.perSecond(), "records/s", "", "one thread; " + sync.failed() + " failed");
		}
	}

	private void smtpCeiling(LocalStack stack) throws Exception {
		Properties settings = new Properties();
		settings.put("mail.smtp.host", "127.0.0.1");
		settings.put("mail.smtp.port", String.valueOf(stack.smtpPort()));
		Session session = Session.getInstance(settings);
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("newsletter@formgate.localhost"));
		// Not the sign-ups' domain: these mails must not count as confirmation mails delivered.
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("ceiling@smtp-ceiling.invalid"));
		message.setSubject("Bitte bestätigen Sie Ihre Anmeldung", "UTF-8");
		message.setText("Guten Tag,\n\n" + "bitte bestätigen Sie Ihre Anmeldung: https://example.org/confirm?token="
				+ "x".repeat(43) + "\n\n".repeat(2) + "Ihr Newsletter-Team\n".repeat(20), "UTF-8");
		message.saveChanges();
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			var result = Load.closedLoop(1, mode.ceiling, thread -> transport.sendMessage(message,
					message.getAllRecipients()));
			report.add("ceiling.smtp-one-connection", "mails into the SMTP server over one reused connection",
					result.perSecond(), "mails/s", "", "about 1 KB each, one thread; " + result.failed() + " failed");
		}
		stack.clearMails();
	}

	// ---- intake

	/**
	 * Sign-ups in steps of ×1.5 from 25/s while every answer is 202 with p99 ≤ 1 s, then one step at half the highest
	 * such rate; the store's commands are counted over all of it (and the relays' and consumers' work that follows)
	 * to get a sign-up's writes and round trips, and the store-bound ceiling from them.
	 */
	private void intake(LocalStack stack, Store store) throws Exception {
		// Uncounted, as the ceilings' warm-ups: the sign-up path is compiled before the first step is measured.
		intakeStep(stack, 25, mode.warmUp);
		awaitMailsDrained(stack);
		Map<String, Long> before = stack.storeCommands();
		Map<String, long[]> scansBefore = stack.storeScans();
		Map<String, Long> processes = new LinkedHashMap<>(stack.servicePids());
		processes.put("infra", ProcessHandle.current().pid());
		Map<String, Double> cpuBefore = cpuMillis(processes);
		long accepted = 0;
		double rate = mode == Mode.SMOKE ? 50 : 25;
		Load.OpenLoopResult sustained = null;
		Load.OpenLoopResult served = null;
		Load.OpenLoopResult last = null;
		Relayed fastestRelay = null;
		for (int step = 0; step < mode.maxSteps; step++) {
			var result = intakeStep(stack, rate, mode.step);
			last = result.answers();
			accepted += last.count(202);
			boolean kept = last.all(202) && last.achievedSendRate() >= 0.95 * rate && last.p99() <= SERVED_P99_MS;
			boolean fast = kept && last.p99() <= P99_LIMIT_MS;
			report.step(String.format(Locale.ROOT, "%-11s offered %6.0f/s sent %6.0f/s  p50 %7.1f ms  p99 %7.1f ms"
					+ "  p99.9 %7.1f ms  max %7.1f ms  statuses %s  failed %d  %s  mails %s", store.id, rate,
					last.achievedSendRate(), last.p50(), last.p99(), last.p999(), last.max(), last.statuses(),
					last.failures(), fast ? "p99 ≤ 50 ms" : kept ? "served, p99 > 50 ms" : "not kept up",
					result.relayed()));
			if (result.relayed().perSecond() > (fastestRelay == null ? 0 : fastestRelay.perSecond())) {
				fastestRelay = result.relayed();
			}
			if (!kept) {
				break;
			}
			served = last;
			if (fast) {
				sustained = last;
			}
			rate = Math.round(rate * 1.5);
		}
		Load.OpenLoopResult half = null;
		if (served != null) {
			double halfRate = Math.max(1, Math.round(served.offered() / 2));
			half = intakeStep(stack, halfRate, mode.step).answers();
			accepted += half.count(202);
			report.step(String.format(Locale.ROOT, "%-11s offered %6.0f/s sent %6.0f/s  p50 %7.1f ms  p99 %7.1f ms"
					+ "  p99.9 %7.1f ms  max %7.1f ms  statuses %s  failed %d  half the served rate", store.id, halfRate,
					half.achievedSendRate(), half.p50(), half.p99(), half.p999(), half.max(), half.statuses(),
					half.failures()));
		}
		awaitMailsDrained(stack);
		Thread.sleep(mode == Mode.SMOKE ? 500 : 2_000); // consumers of the sign-ups' events write after the mails
		StoreCommands commands = StoreCommands.between(before, stack.storeCommands(), accepted);
		ScanReads scans = ScanReads.between(scansBefore, stack.storeScans());
		Map<String, Double> cpuAfter = cpuMillis(processes);
		stack.clearMails();
		cpuPerSignUp(store, cpuBefore, cpuAfter, accepted);

		String how = "open loop, fixed schedule, latency from the intended send time; " + mode.step.toSeconds()
				+ " s per step, from 25/s ×1.5 per step while every answer is 202 and p99 ≤ 1 s";
		double inserts = report.value("ceiling." + store.id + ".mongo-insert");
		double storeBound = commands.writesPerSignUp() > 0 ? inserts / commands.writesPerSignUp() : Double.NaN;
		report.add("store." + store.id + ".writes-per-sign-up", "store writes per sign-up (insert, update, delete, "
				+ "findAndModify commands the store answered ÷ sign-ups accepted), " + store.label,
				commands.writesPerSignUp(), "writes", "", commands.writes());
		report.add("store." + store.id + ".round-trips-per-sign-up", "store round trips per sign-up (writes and "
				+ "reads), " + store.label, commands.roundTripsPerSignUp(), "commands", "", commands.reads());
		report.add("store." + store.id + ".scan-reads-per-sign-up", "documents the store read in whole-collection "
				+ "scans per sign-up (queries no index served), " + store.label,
				accepted > 0 ? scans.documents() / (double) accepted : Double.NaN, "documents", "", scans.top(4));
		report.add("ceiling." + store.id + ".sign-up-store-bound", "store-bound ceiling of a sign-up: insertOne/s ÷ "
				+ "writes per sign-up, " + store.label, storeBound, "sign-ups/s", "", String.format(Locale.ROOT,
						"%.0f inserts/s ÷ %.2f writes", inserts, commands.writesPerSignUp()));
		double goal = Math.min(1_000, 0.5 * storeBound);
		String servedTarget = String.format(Locale.ROOT, "≥ %.0f", goal);
		if (served == null) {
			report.skip("intake." + store.id + ".served", "highest rate served in full (every answer 202, p99 ≤ 1 s), "
					+ store.label, "sign-ups/s", servedTarget, "not even the first step: " + describe(last));
		}
		else {
			report.add("intake." + store.id + ".served", "highest rate served in full (every answer 202, p99 ≤ 1 s), "
					+ store.label, served.offered(), "sign-ups/s", servedTarget + " (1,000/s or half the store-bound "
							+ "ceiling, the lower)", String.format(Locale.ROOT, "%s; p50 %.1f ms, p99 %.1f ms, p99.9 "
							+ "%.1f ms there; next step: %s", how, served.p50(), served.p99(), served.p999(),
							describe(last == served ? null : last)), storeBound,
					"ceiling." + store.id + ".sign-up-store-bound");
		}
		if (half == null) {
			intakeSkipped(store, "no step was served in full");
		}
		else {
			report.add("intake." + store.id + ".half.rate", "half the served rate, " + store.label, half.offered(),
					"sign-ups/s", "", "one step of " + mode.step.toSeconds() + " s after the ramp; statuses "
							+ half.statuses() + ", " + half.failures() + " failed", report.value("ceiling." + store.id
									+ ".bare-mvc-insert"), "ceiling." + store.id + ".bare-mvc-insert");
			report.add("intake." + store.id + ".half.p50", "sign-up p50 at half the served rate", half.p50(), "ms", "",
					"");
			report.add("intake." + store.id + ".half.p99", "sign-up p99 at half the served rate", half.p99(), "ms",
					"≤ 50", "");
		}
		if (sustained == null) {
			report.skip("intake." + store.id + ".rate", "highest rate with p99 ≤ 50 ms (every answer 202), "
					+ store.label, "sign-ups/s", "", "no step held p99 ≤ 50 ms; last step: " + describe(last));
		}
		else {
			report.add("intake." + store.id + ".rate", "highest rate with p99 ≤ 50 ms (every answer 202), "
					+ store.label, sustained.offered(), "sign-ups/s", "", String.format(Locale.ROOT, "p50 %.1f ms, "
							+ "p99 %.1f ms there", sustained.p50(), sustained.p99()));
		}
		if (fastestRelay == null || fastestRelay.mails() == 0) {
			report.skip("relay." + store.id + ".mails-per-second", "confirmation mails per second the relay delivered, "
					+ store.label, "mails/s", "≥ 0.5 of the SMTP ceiling", "no mail was delivered during the steps");
		}
		else {
			report.add("relay." + store.id + ".mails-per-second", "confirmation mails per second the relay delivered "
					+ "(the intake step where it was fastest), " + store.label, fastestRelay.perSecond(), "mails/s",
					"≥ 0.5 of the SMTP ceiling", fastestRelay + "; bounded by the step's sign-up rate when the relay "
							+ "keeps up", report.value("ceiling.smtp-one-connection"), "ceiling.smtp-one-connection");
		}
	}

	/** CPU ms per sign-up of the services together, or of every process (the harness's own JVM too). */
	private static double cpuMillisPerSignUp(Map<String, Double> before, Map<String, Double> after, long accepted,
			boolean withInfra) {
		double millis = 0;
		for (String name : before.keySet()) {
			if (withInfra || !name.equals("infra")) {
				millis += after.get(name) - before.get(name);
			}
		}
		return millis / accepted;
	}

	/** Each process's CPU ms per sign-up, e.g. {@code gateway 2.10, newsletter-service 1.30, …}. */
	private static String cpuPerSignUpParts(Map<String, Double> before, Map<String, Double> after, long accepted) {
		StringBuilder parts = new StringBuilder();
		for (String name : before.keySet()) {
			double perSignUp = (after.get(name) - before.get(name)) / accepted;
			parts.append(parts.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", name, perSignUp));
		}
		return parts.toString();
	}

	private static Map<String, Double> cpuMillis(Map<String, Long> processes) {
		Map<String, Double> millis = new LinkedHashMap<>();
		processes.forEach((name, pid) -> millis.put(name, CpuTime.millis(List.of(pid))));
		return millis;
	}

	/**
	 * What a sign-up costs in CPU time, process by process, over the whole intake stage (the steps, the relays' mails
	 * and the consumers' work after them): on a machine shared with other work this moves far less than the rates do,
	 * and it says where the cores go. The CPU-bound ceiling is the cores' time ÷ that cost.
	 */
	private void cpuPerSignUp(Store store, Map<String, Double> before, Map<String, Double> after, long accepted) {
		if (accepted == 0) {
			report.skip("intake." + store.id + ".cpu-per-sign-up", "CPU time per sign-up, every process, "
					+ store.label, "ms", "", "no sign-up accepted");
			return;
		}
		double services = cpuMillisPerSignUp(before, after, accepted, false);
		String parts = cpuPerSignUpParts(before, after, accepted);
		double all = cpuMillisPerSignUp(before, after, accepted, true);
		int cores = Runtime.getRuntime().availableProcessors();
		report.add("intake." + store.id + ".cpu-per-sign-up", "CPU time per sign-up, the services together (gateway "
				+ "to mails and events), " + store.label, services, "ms", "", "CPU ms per sign-up accepted over the "
						+ "intake stage: " + parts + " (infra: Kafka, the store, SMTP and the load generator in one JVM)");
		report.add("ceiling." + store.id + ".sign-up-cpu-bound", "CPU-bound ceiling of a sign-up: the machine's cores "
				+ "÷ the CPU time a sign-up costs every process, " + store.label, cores * 1000 / all, "sign-ups/s", "",
				String.format(Locale.ROOT, "%d cores × 1,000 ms ÷ %.2f ms (services and infra)", cores, all));
	}

	/** One intake step's answers, and how fast its confirmation mails went out. */
	private record StepResult(Load.OpenLoopResult answers, Relayed relayed) {
	}

	/**
	 * @param mails the step's mails delivered
	 * @param perSecond those mails ÷ the time from the first to the last delivery
	 * @param offered the step's sign-up rate
	 */
	record Relayed(int mails, double perSecond, double offered, double lastAfterStepMillis) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d at %.0f/s (sign-ups %.0f/s), last %.1f s after the step's end", mails,
					perSecond, offered, lastAfterStepMillis / 1000.0);
		}
	}

	private StepResult intakeStep(LocalStack stack, double rate, Duration duration) throws Exception {
		awaitMailsDrained(stack);
		deliveredAt.clear();
		int n = Math.max(1, (int) Math.round(rate * duration.toMillis() / 1000.0));
		List<String> solutions = solutions(stack, n);
		List<String> emails = IntStream.range(0, n).mapToObj(i -> nextEmail()).toList();
		var answers = Load.openLoop(rate, duration, REQUEST_TIMEOUT, i -> http
			.sendAsync(signUpRequest(stack, emails.get(i), solutions.get(i)), HttpResponse.BodyHandlers.discarding())
			.thenApply(HttpResponse::statusCode));
		long stepEnd = System.nanoTime();
		owesNoMailForRefused(answers);
		awaitMailsDrained(stack);
		long first = Long.MAX_VALUE;
		long lastDelivery = Long.MIN_VALUE;
		int mails = 0;
		for (String email : emails) {
			Long at = deliveredAt.get(email);
			if (at != null) {
				mails++;
				first = Math.min(first, at);
				lastDelivery = Math.max(lastDelivery, at);
			}
		}
		double seconds = Math.max((lastDelivery - first) / 1e9, 1e-3);
		return new StepResult(answers, mails == 0 ? new Relayed(0, 0, rate, Double.NaN)
				: new Relayed(mails, mails / seconds, rate, (lastDelivery - stepEnd) / 1e6));
	}

	private void intakeSkipped(Store store, String reason) {
		report.skip("intake." + store.id + ".half.rate", "half the served rate, " + store.label, "sign-ups/s", "",
				reason);
		report.skip("intake." + store.id + ".half.p50", "sign-up p50 at half the served rate", "ms", "", reason);
		report.skip("intake." + store.id + ".half.p99", "sign-up p99 at half the served rate", "ms", "≤ 50", reason);
	}

	private static String describe(Load.OpenLoopResult result) {
		return result == null ? "none (step limit)" : String.format(Locale.ROOT, "%.0f/s had p99 %.1f ms, statuses %s, "
				+ "%d failed", result.offered(), result.p99(), result.statuses(), result.failures());
	}

	private HttpRequest signUpRequest(LocalStack stack, String email, String solution) {
		return HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/newsletter/subscriptions"))
			.timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
			.header("X-Forwarded-For", nextClient()).header("Altcha", solution)
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"consent\":true}")).build();
	}

	private String nextEmail() {
		signUps.incrementAndGet();
		return "s" + run + "-" + UUID.randomUUID().toString().substring(0, 13) + "@" + MAIL_DOMAIN;
	}

	/** 172.16.0.0/12, 100 addresses in each /24 network, each address once. */
	private String nextClient() {
		long i = clients.getAndIncrement();
		long network = i / 100 % 4096;
		return "172." + (16 + network / 256) + "." + (network % 256) + "." + (i % 100 + 1);
	}

	/** Fetches and solves {@code n} challenges before a step, so that solving costs the step nothing. */
	private List<String> solutions(LocalStack stack, int n) throws Exception {
		return solutions(stack, n, "newsletter");
	}

	/** Solutions for one form: the gateway accepts a solution only on the form it was issued for. */
	private List<String> solutions(LocalStack stack, int n, String form) throws Exception {
		URI challenge = URI.create(stack.gatewayUrl() + "/api/altcha/challenge?form=" + form);
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			List<Future<String>> solved = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				solved.add(pool.submit(() -> ProofOfWork.solve(http.send(HttpRequest.newBuilder(challenge)
					.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()))));
			}
			List<String> solutions = new ArrayList<>(n);
			for (Future<String> s : solved) {
				solutions.add(s.get());
			}
			return solutions;
		}
	}

	private void mailDelivered(String recipient) {
		if (recipient.endsWith("@" + MAIL_DOMAIN)) {
			deliveredAt.putIfAbsent(recipient, System.nanoTime());
			delivered.incrementAndGet();
		}
	}

	/** A sign-up the stack refused ({@code 503} when it sheds load) is owed no confirmation mail. */
	private void owesNoMailForRefused(Load.OpenLoopResult answers) {
		signUps.addAndGet(-(answers.requests() - answers.count(202)));
	}

	/** Waits until every sign-up's confirmation mail is out, so the next step starts on a quiet stack. */
	private void awaitMailsDrained(LocalStack stack) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(mode == Mode.SMOKE ? 20 : 90).toNanos();
		while (delivered.get() < signUps.get() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		if (delivered.get() < signUps.get()) {
			System.out.printf("  (%d of %d confirmation mails still owed; going on)%n", signUps.get() - delivered.get(),
					signUps.get());
		}
	}

	// ---- the relay's own pace

	/**
	 * The relay's pace, not the sign-ups': with the SMTP server stopped, sign-ups pile up their confirmation mails in
	 * the outbox (the relay parks them); once it is back, the relay releases them all at once, and the mails per
	 * second from the first delivery to the last are what it can do against this SMTP server.
	 */
	private void relayDrain(LocalStack stack) throws Exception {
		awaitMailsDrained(stack);
		deliveredAt.clear();
		int n = mode == Mode.SMOKE ? 20 : mode == Mode.QUICK ? 1_000 : 2_000;
		double rate = mode == Mode.SMOKE ? 20 : 100;
		List<String> solutions = solutions(stack, n);
		List<String> emails = IntStream.range(0, n).mapToObj(i -> nextEmail()).toList();
		Load.OpenLoopResult answers;
		stack.stopSmtp();
		try {
			answers = Load.openLoop(rate, Duration.ofMillis(Math.round(n * 1000 / rate)), REQUEST_TIMEOUT,
					i -> http.sendAsync(signUpRequest(stack, emails.get(i), solutions.get(i)),
							HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
		}
		finally {
			stack.startSmtp();
		}
		Map<String, Long> relaying = Map.of("newsletter-service", stack.servicePids().get("newsletter-service"));
		Map<String, Double> cpuBefore = cpuMillis(relaying);
		Map<String, Long> commandsBefore = stack.storeCommands();
		owesNoMailForRefused(answers);
		long deadline = System.nanoTime() + Duration.ofSeconds(mode == Mode.SMOKE ? 60 : 180).toNanos();
		while (delivered.get() < signUps.get() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Map<String, Double> cpuAfter = cpuMillis(relaying);
		Map<String, Long> commandsAfter = stack.storeCommands();
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		int mails = 0;
		for (String email : emails) {
			Long at = deliveredAt.get(email);
			if (at != null) {
				mails++;
				first = Math.min(first, at);
				last = Math.max(last, at);
			}
		}
		String how = String.format(Locale.ROOT, "%d sign-ups at %.0f/s with the SMTP server stopped (answers %s), "
				+ "then the server started: %d of their mails delivered", n, rate, answers.statuses(), mails);
		if (mails < 2) {
			report.skip("relay.drain.mails-per-second", "the relay's pace: a backlog of confirmation mails delivered "
					+ "per second", "mails/s", "≥ 0.5 of the SMTP ceiling", how);
		}
		else {
			report.add("relay.drain.mails-per-second", "the relay's pace: a backlog of confirmation mails delivered per "
					+ "second, first delivery to last", mails / Math.max((last - first) / 1e9, 1e-3), "mails/s",
					"≥ 0.5 of the SMTP ceiling", how, report.value("ceiling.smtp-one-connection"),
					"ceiling.smtp-one-connection");
			report.add("relay.drain.cpu-per-mail", "newsletter-service's CPU time per mail of the drain (composing, "
					+ "sending, the document's write)", cpuMillisPerSignUp(cpuBefore, cpuAfter, mails, false), "ms", "",
					"user and system time of its process from the SMTP server's start to the backlog's last mail ÷ "
							+ mails + " mails; load average at the end " + loadAverage());
			StoreCommands commands = StoreCommands.between(commandsBefore, commandsAfter, mails);
			report.add("relay.drain.store-writes-per-mail", "store writes per mail of the drain (insert, update, "
					+ "delete, findAndModify commands the store answered ÷ mails; every service's, sweeps included)",
					commands.writesPerSignUp(), "writes", "", commands.writes() + "; " + commands.reads());
		}
		awaitMailsDrained(stack);
		stack.clearMails();
	}

	// ---- confirmation latency

	private void confirmation(LocalStack stack) throws Exception {
		awaitMailsDrained(stack);
		deliveredAt.clear();
		int n = (int) Math.round(CONFIRMATION_RATE * mode.confirmation.toMillis() / 1000.0);
		List<String> solutions = solutions(stack, n);
		List<String> emails = IntStream.range(0, n).mapToObj(i -> nextEmail()).toList();
		Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
		Map<String, Long> processes = new LinkedHashMap<>(stack.servicePids());
		processes.put("infra", ProcessHandle.current().pid());
		Map<String, Double> cpuBefore = cpuMillis(processes);
		var sent = Load.openLoop(CONFIRMATION_RATE, mode.confirmation, REQUEST_TIMEOUT, i -> http
			.sendAsync(signUpRequest(stack, emails.get(i), solutions.get(i)), HttpResponse.BodyHandlers.discarding())
			.thenApply(response -> {
				if (response.statusCode() == 202) {
					acceptedAt.put(emails.get(i), System.nanoTime());
				}
				return response.statusCode();
			}));
		owesNoMailForRefused(sent);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!deliveredAt.keySet().containsAll(acceptedAt.keySet()) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		Map<String, Double> cpuAfter = cpuMillis(processes);
		Latencies latencies = new Latencies();
		int missing = 0;
		for (var accepted : acceptedAt.entrySet()) {
			Long at = deliveredAt.get(accepted.getKey());
			if (at == null) {
				missing++;
			}
			else {
				latencies.record(at - accepted.getValue());
			}
		}
		String how = String.format(Locale.ROOT, "%d sign-ups at %.0f/s over %d s (intake p99 %.1f ms); from the 202 "
				+ "to the SMTP server's delivery hook; %d of %d accepted; %d mails missing after 60 s", n,
				CONFIRMATION_RATE, mode.confirmation.toSeconds(), sent.p99(), acceptedAt.size(), n, missing);
		report.add("confirmation.p50", "sign-up 202 → confirmation mail in the SMTP server, p50, at 200/s",
				latencies.percentileMillis(50), "ms", "", how);
		report.add("confirmation.p99", "sign-up 202 → confirmation mail in the SMTP server, p99, at 200/s",
				latencies.percentileMillis(99), "ms", "≤ 1000", (missing == 0 ? "" : missing + " missing count as not "
						+ "measured; ") + "load average at the end " + loadAverage());
		if (!acceptedAt.isEmpty()) {
			report.add("confirmation.cpu-per-sign-up", "CPU time per sign-up at 200/s, the services together (gateway "
					+ "to the confirmation mail)", cpuMillisPerSignUp(cpuBefore, cpuAfter, acceptedAt.size(), false),
					"ms", "", "CPU ms per sign-up accepted, from the burst's start to its last mail: "
							+ cpuPerSignUpParts(cpuBefore, cpuAfter, acceptedAt.size()) + " (infra: Kafka, the store, "
							+ "SMTP and the load generator in one JVM)");
		}
		else {
			report.skip("confirmation.cpu-per-sign-up", "CPU time per sign-up at 200/s, the services together (gateway "
					+ "to the confirmation mail)", "ms", "", "no sign-up accepted");
		}
		awaitMailsDrained(stack);
		stack.clearMails();
	}

	// ---- erasure

	/** A subscription and a contact request as the services stored them, outbox relayed; seeds are copies. */
	record Templates(Document subscription, Document contactRequest) {
	}

	private Templates templates(LocalStack stack) throws Exception {
		String email = "template-" + run + "@" + MAIL_DOMAIN;
		expect(202, http.send(signUpRequest(stack, email, solutions(stack, 1).getFirst()),
				HttpResponse.BodyHandlers.ofString()));
		String contact = "{\"topic\":\"buergerservice\",\"name\":\"Erika Mustermann\",\"email\":\"" + email
				+ "\",\"subject\":\"Frage zum Antrag\",\"message\":\"" + "Sehr geehrte Damen und Herren, ".repeat(10)
				+ "\",\"privacy\":true}";
		expect(202, http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/contact"))
			.timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json").header("X-Forwarded-For", nextClient())
			.header("Altcha", solutions(stack, 1, "contact").getFirst())
			.POST(HttpRequest.BodyPublishers.ofString(contact)).build(),
				HttpResponse.BodyHandlers.ofString()));
		String subjectRef = stack.subjectRefs().of(email).value();
		try (MongoClient client = MongoClients.create(stack.mongoUri("formgate-newsletter"))) {
			Document subscription = relayed(client.getDatabase("formgate-newsletter").getCollection("subscriptions"),
					subjectRef);
			Document request = relayed(client.getDatabase("formgate-contact").getCollection("contact_requests"),
					subjectRef);
			signUps.incrementAndGet(); // the template's own confirmation mail
			return new Templates(subscription, request);
		}
	}

	/** The subject's document once the relay has handed on its events and mails. */
	private static Document relayed(MongoCollection<Document> collection, String subjectRef) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			Document found = collection.find(Filters.eq("subjectRef", subjectRef)).first();
			if (found != null && found.get("relayDue") == null && found.getList("outbox", Object.class, List.of()).isEmpty()
					&& found.getList("mails", Object.class, List.of()).isEmpty()) {
				return found;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("no relayed document in " + collection.getNamespace() + " within 30 s");
	}

	private void erasure(LocalStack stack, Templates templates) throws Exception {
		SubjectRefs refs = stack.subjectRefs();
		try (MongoClient client = MongoClients.create(stack.mongoUri("formgate-newsletter"))) {
			var subscriptions = client.getDatabase("formgate-newsletter").getCollection("subscriptions");
			var requests = client.getDatabase("formgate-contact").getCollection("contact_requests");
			var subjects = client.getDatabase("formgate-contact").getCollection("contact_subjects");
			long seedStart = System.nanoTime();
			seed(refs, subscriptions, requests, subjects, templates, 0, mode.smallSeed);
			double small = (System.nanoTime() - seedStart) / 1e9;
			Map<String, long[]> scansBefore = stack.storeScans();
			Erasures first = erasures(stack, mode.smallSeed);
			scanReads("small", first, ScanReads.between(scansBefore, stack.storeScans()));
			String seeded = "%,d subscriptions and %,d contact requests seeded with insertMany in %.1f s";
			report(first, "small", String.format(Locale.ROOT, seeded, mode.smallSeed, mode.smallSeed / 10, small));
			seedStart = System.nanoTime();
			seed(refs, subscriptions, requests, subjects, templates, mode.smallSeed, mode.largeSeed);
			double large = (System.nanoTime() - seedStart) / 1e9;
			scansBefore = stack.storeScans();
			Erasures second = erasures(stack, mode.largeSeed);
			scanReads("large", second, ScanReads.between(scansBefore, stack.storeScans()));
			report(second, "large", String.format(Locale.ROOT, seeded, mode.largeSeed, mode.largeSeed / 10,
					small + large));
			idleScans(stack);
			report.add("erasure.ratio", String.format(Locale.ROOT, "erasure p99 at %,d ÷ p99 at %,d subjects",
					mode.largeSeed, mode.smallSeed), second.latencies().percentileMillis(99)
							/ first.latencies().percentileMillis(99), "", "≤ 1.5", "");
		}
	}

	private void scanReads(String size, Erasures erasures, ScanReads scans) {
		int subjects = size.equals("small") ? mode.smallSeed : mode.largeSeed;
		report.add("erasure." + size + ".scan-reads", String.format(Locale.ROOT, "documents the store read in "
				+ "whole-collection scans per erasure, %,d stored subjects", subjects),
				scans.documents() / (double) Math.max(1, erasures.filed()), "documents", "", scans.top(4));
	}

	/**
	 * The store idle at the large size for a sweep interval (the relays sweep every minute): what its periodic work
	 * reads in whole-collection scans, per minute.
	 */
	private void idleScans(LocalStack stack) throws InterruptedException {
		Map<String, long[]> before = stack.storeScans();
		long start = System.nanoTime();
		Thread.sleep(mode.idleWindow.toMillis());
		ScanReads scans = ScanReads.between(before, stack.storeScans());
		double minutes = (System.nanoTime() - start) / 60e9;
		report.add("store.memory.idle-scan-reads", String.format(Locale.ROOT, "documents the store read in "
				+ "whole-collection scans per minute, idle at %,d stored subjects", mode.largeSeed),
				scans.documents() / minutes, "documents/min", "0", String.format(Locale.ROOT, "over %.0f s after the "
						+ "erasures (relay sweeps every minute); ", minutes * 60) + scans.top(4));
	}

	private void report(Erasures erasures, String size, String seeded) {
		int subjects = size.equals("small") ? mode.smallSeed : mode.largeSeed;
		String how = String.format(Locale.ROOT, "%d erasures filed at 10/s through the gateway, each to a subject with "
				+ "a subscription and a contact request; ledger's receivedAt → completedAt; %d not COMPLETED; %s",
				erasures.filed(), erasures.notCompleted(), seeded);
		report.add("erasure." + size + ".p50", String.format(Locale.ROOT, "erasure filed → COMPLETED in every store, "
				+ "p50, %,d stored subjects", subjects), erasures.latencies().percentileMillis(50), "ms", "", how);
		report.add("erasure." + size + ".p99", String.format(Locale.ROOT, "erasure filed → COMPLETED in every store, "
				+ "p99, %,d stored subjects", subjects), erasures.latencies().percentileMillis(99), "ms", "≤ 1000",
				erasures.perStore());
	}

	/**
	 * Subject {@code i} is {@code seed-i@…}: a copy of the template subscription under its subjectRef, and for every
	 * tenth subject a copy of the template contact request too.
	 */
	private void seed(SubjectRefs refs, MongoCollection<Document> subscriptions, MongoCollection<Document> requests,
			MongoCollection<Document> subjects, Templates templates, int from, int to) {
		int batch = 2_000;
		var unordered = new InsertManyOptions().ordered(false);
		for (int start = from; start < to; start += batch) {
			List<Document> subs = new ArrayList<>(batch);
			List<Document> contacts = new ArrayList<>(batch / 10);
			for (int i = start; i < Math.min(to, start + batch); i++) {
				String email = seedEmail(i);
				String subjectRef = refs.of(email).value();
				Document s = new Document(templates.subscription());
				s.put("_id", UUID.randomUUID().toString());
				s.put("subjectRef", subjectRef);
				s.put("email", email);
				if (s.containsKey("confirmationTokenHash")) {
					s.put("confirmationTokenHash", UUID.randomUUID().toString());
				}
				subs.add(s);
				if (i % 10 == 0) {
					Document c = new Document(templates.contactRequest());
					c.put("_id", UUID.randomUUID().toString());
					c.put("subjectRef", subjectRef);
					c.put("email", email);
					contacts.add(c);
				}
			}
			subscriptions.insertMany(subs, unordered);
			if (!contacts.isEmpty()) {
				// contact-service finds a subject's requests through its lookup document, written before the request.
				subjects.insertMany(contacts.stream().map(c -> new Document("_id", c.get("subjectRef"))
					.append("requests", List.of(c.get("_id")))).toList(), unordered);
				requests.insertMany(contacts, unordered);
			}
		}
	}

	private String seedEmail(int i) {
		return "seed-" + run + "-" + i + "@" + MAIL_DOMAIN;
	}

	/** @param stores each store's own answer time (ledger's receivedAt → the store's answeredAt), to see which one lags */
	record Erasures(int filed, int notCompleted, Latencies latencies, Map<String, Latencies> stores) {

		String perStore() {
			StringBuilder text = new StringBuilder("store answers p50/p99:");
			stores.forEach((store, l) -> text.append(String.format(Locale.ROOT, " %s %.0f/%.0f ms;", store,
					l.percentileMillis(50), l.percentileMillis(99))));
			return text.toString();
		}
	}

	/** Files erasures for seeded subjects with both kinds of document, at 10/s, and waits until each is finished. */
	private Erasures erasures(LocalStack stack, int seeded) throws Exception {
		String token = stack.adminToken(Duration.ofMinutes(30), "privacy-admin");
		URI requests = URI.create(stack.gatewayUrl() + "/api/admin/privacy-requests");
		List<String> ids = new ArrayList<>();
		Set<Integer> chosen = new java.util.HashSet<>();
		long interval = 100_000_000L;
		long next = System.nanoTime();
		while (ids.size() < mode.erasures) {
			int subject = ThreadLocalRandom.current().nextInt(seeded / 10) * 10;
			if (!chosen.add(subject)) {
				continue;
			}
			while (System.nanoTime() < next) {
				Thread.sleep(1);
			}
			next += interval;
			var filed = http.send(HttpRequest.newBuilder(requests).timeout(REQUEST_TIMEOUT)
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"ERASURE\",\"email\":\"" + seedEmail(subject)
						+ "\",\"receivedVia\":\"EMAIL\",\"note\":\"benchmark\"}")).build(),
					HttpResponse.BodyHandlers.ofString());
			expect(201, filed);
			ids.add(JSON.readTree(filed.body()).get("id").asString());
		}
		Latencies latencies = new Latencies();
		int notCompleted = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(mode == Mode.SMOKE ? 60 : 120).toNanos();
		List<String> open = new ArrayList<>(ids);
		Map<String, JsonNode> finished = new LinkedHashMap<>();
		while (!open.isEmpty() && System.nanoTime() < deadline) {
			for (var it = open.iterator(); it.hasNext();) {
				String id = it.next();
				var answer = http.send(HttpRequest.newBuilder(URI.create(requests + "/" + id)).timeout(REQUEST_TIMEOUT)
					.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
				JsonNode view = JSON.readTree(expect(200, answer).body());
				if (FINISHED.contains(view.get("state").asString())) {
					finished.put(id, view);
					it.remove();
				}
			}
			Thread.sleep(200);
		}
		Map<String, Latencies> stores = new java.util.TreeMap<>();
		for (JsonNode view : finished.values()) {
			Instant received = Instant.parse(view.get("receivedAt").asString());
			for (JsonNode store : view.get("stores")) {
				if (store.hasNonNull("answeredAt")) {
					stores.computeIfAbsent(store.get("store").asString(), name -> new Latencies())
						.record(Duration.between(received, Instant.parse(store.get("answeredAt").asString())).toNanos());
				}
			}
			if (!view.get("state").asString().equals("COMPLETED") || !view.hasNonNull("completedAt")) {
				notCompleted++;
				continue;
			}
			latencies.record(Duration.between(received, Instant.parse(view.get("completedAt").asString())).toNanos());
		}
		return new Erasures(ids.size(), notCompleted + open.size(), latencies, stores);
	}

	// ---- helpers

	private HttpResponse<String> get(URI uri) throws Exception {
		return http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static <T> HttpResponse<T> expect(int status, HttpResponse<T> response) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
					+ response.statusCode() + " instead of " + status + ": " + response.body());
		}
		return response;
	}

	/** VmRSS of each process in KiB (0 if it is gone). */
	static Map<String, Long> rss(Map<String, Long> pids) {
		Map<String, Long> rss = new LinkedHashMap<>();
		pids.forEach((name, pid) -> rss.put(name, vmRss(pid)));
		return rss;
	}

	private static long vmRss(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (java.io.IOException e) {
			// gone, or not Linux
		}
		return 0;
	}

	private static String memTotal() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1048576.0);
				}
			}
		}
		catch (java.io.IOException e) {
			// not Linux
		}
		return "unknown";
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (java.io.IOException e) {
			return "unknown";
		}
	}
}
