package dev.formgate.infra.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import dev.formgate.infra.LocalStack;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A newsletter campaign at scale: confirmed subscribers seeded on a list, a campaign to it sent through the editors'
 * API at the highest rate an editor may choose, over the default number of SMTP connections; beside it the SMTP
 * server's ceiling over as many connections and as many new addresses, with a mail of the campaign's own, both
 * starting from a mail server that holds no address (what a new address costs the dev mail server grows with those it
 * holds). Every mail is counted where the SMTP server takes it in (its delivery hook), per recipient: the rate from
 * the first to the last, who got none, who got more than one. newsletter-service's heap after a full collection is
 * read before, halfway through and after the sending: recipients are streamed, so it must not grow with the list.
 * <p>
 * Bounded ({@code --campaign-seconds}): the campaign runs for that long only, the heap is read several times across
 * it, then it is cancelled through the editors' API and what was sent is checked to have been sent once (for a list
 * too large to send in full here, {@code --campaign-size 1000000}).
 */
final class CampaignSending {

	/** Not the sign-ups' domain, so campaign mails never count as confirmation mails. */
	static final String DOMAIN = "campaign.bench.example.net";
	static final int CONNECTIONS = 4;
	/** The highest rate an editor may choose (newsletter-service's default {@code max-rate}). */
	static final int RATE = 10_000;
	private static final JsonMapper JSON = JsonMapper.builder().build();
	/** A heap line of GC.heap_info: "DefNew … total 78656K, used 28038K" and "Tenured …" (serial), "garbage-first heap …". */
	private static final Pattern HEAP_USED = Pattern.compile("\\btotal \\d+K, used (\\d+)K");

	/** Heap readings across a bounded run. */
	private static final int HEAP_SAMPLES = 6;

	private final Report report;
	private final Benchmark.Mode mode;
	private final Benchmark.CampaignSize size;
	private final HttpClient http;
	private final String run;
	private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
	private final AtomicLong firstAt = new AtomicLong(Long.MAX_VALUE);
	private final AtomicLong lastAt = new AtomicLong(Long.MIN_VALUE);

	CampaignSending(Report report, Benchmark.Mode mode, Benchmark.CampaignSize size, HttpClient http, String run) {
		this.report = report;
		this.mode = mode;
		this.size = size;
		this.http = http;
		this.run = run;
	}

	void run(LocalStack stack, Document subscriptionTemplate) throws Exception {
		int recipients = size.recipients() > 0 ? size.recipients() : switch (mode) {
			case SMOKE -> 200;
			case QUICK -> 20_000;
			case FULL -> 100_000;
		};
		String list = subscriptionTemplate.getString("list");
		String token = stack.adminToken(Duration.ofMinutes(60), "newsletter-editor");
		long pid = stack.servicePids().get("newsletter-service");
		stack.onMailDelivered(this::delivered);
		// A first, small campaign loads and compiles what sending needs, so the heap read before the measured one
		// holds what any campaign leaves behind, and the rate is not the first campaign's. One of its mails is what
		// the SMTP ceiling sends.
		seed(stack, subscriptionTemplate, list, "warm-up", 50);
		sendAndWatch(stack, token, list, "warm-up", 50, pid, false);
		MimeMessage campaignMail = warmUpMail(stack);
		unseed(stack);

		// The ceiling and the campaign each start from a mail server that holds no address but the bounce mailbox.
		int earlier = stack.removeMailboxes();
		if (size.bounded()) {
			report.skip("ceiling.smtp-" + CONNECTIONS + "-connections", "mails into the SMTP server over "
					+ CONNECTIONS + " connections at once", "mails/s", "", "not measured in a bounded campaign run");
		}
		else {
			smtpCeiling(stack, campaignMail, recipients, earlier);
			stack.removeMailboxes();
		}
		stack.clearMails();

		long seedStart = System.nanoTime();
		seed(stack, subscriptionTemplate, list, "reader", recipients);
		double seeded = (System.nanoTime() - seedStart) / 1e9;
		double heapBefore = heapAfterGc(pid);
		Map<String, long[]> scansBefore = stack.storeScans();
		double cpuBefore = CpuTime.millis(List.of(pid));
		double harnessCpuBefore = CpuTime.millis(List.of(ProcessHandle.current().pid()));
		Watched watched = sendAndWatch(stack, token, list, "reader", recipients, pid, true);
		double cpu = CpuTime.millis(List.of(pid)) - cpuBefore;
		double harnessCpu = CpuTime.millis(List.of(ProcessHandle.current().pid())) - harnessCpuBefore;
		ScanReads scans = ScanReads.between(scansBefore, stack.storeScans());
		double heapAfter = heapAfterGc(pid);
		report.add("campaign.scan-reads-per-recipient", "documents the store read in whole-collection scans per "
				+ "recipient of the campaign", scans.documents() / (double) recipients, "documents", "",
				scans.top(4));
		report(recipients, list, seeded, watched, heapBefore, heapAfter, cpu, harnessCpu);
		unseed(stack);
	}

	/** A mail of the warm-up campaign as the SMTP server took it in. */
	private MimeMessage warmUpMail(LocalStack stack) throws jakarta.mail.MessagingException {
		for (MimeMessage mail : stack.mails()) {
			Address[] to = mail.getAllRecipients();
			if (to != null && to.length == 1 && to[0].toString().contains("warm-up-" + run + "-")) {
				return mail;
			}
		}
		throw new IllegalStateException("no mail of the warm-up campaign reached the SMTP server");
	}

	private String address(String prefix, int i) {
		return prefix + "-" + run + "-" + i + "@" + DOMAIN;
	}

	/** What the watch saw: the last view, when sending started, and the heap readings (MiB) across it. */
	private record Watched(JsonNode view, long started, List<Double> heap, boolean cancelled) {

		double heapHalfway() {
			return heap.isEmpty() ? Double.NaN : heap.getFirst();
		}
	}

	/**
	 * Sends a campaign to the list and waits until it is SENT and the recipients' mails are in; bounded, until the
	 * time is up, then cancels it and waits for the mails in flight.
	 */
	private Watched sendAndWatch(LocalStack stack, String token, String list, String prefix, int recipients, long pid,
			boolean measured) throws Exception {
		String campaigns = stack.gatewayUrl() + "/api/admin/newsletter/campaigns";
		String draft = JSON.writeValueAsString(Map.of("content", Map.of("de", Map.of("subject",
				"Neuigkeiten aus dem Rathaus", "body", "## Guten Tag\n\n" + "Die Bürgersprechstunde findet am Dienstag "
						+ "statt. Mehr dazu auf [unserer Seite](https://example.org/termine).\n\n".repeat(5))), "lists",
				List.of(list), "rate", RATE, "connections", CONNECTIONS, "archive", false));
		JsonNode created = JSON.readTree(expect(201, send(token, "POST", URI.create(campaigns), draft)).body());
		URI campaign = URI.create(campaigns + "/" + created.get("id").asString());
		long started = System.nanoTime();
		expect(200, send(token, "POST", URI.create(campaign + "/send"), null));

		boolean bounded = measured && size.bounded();
		List<Double> heap = new ArrayList<>();
		long deadline = started + (bounded ? size.seconds() : Duration.ofSeconds(mode == Benchmark.Mode.SMOKE ? 60
				: 900)).toNanos();
		long sampleEvery = bounded ? size.seconds().toNanos() / (HEAP_SAMPLES + 1) : 0;
		long nextSample = started + sampleEvery;
		JsonNode view = null;
		while (System.nanoTime() < deadline) {
			// A machine this busy may miss a look (a timeout, or the gateway's 503); the next one counts.
			HttpResponse<String> look = answered(() -> send(token, "GET", campaign, null));
			if (look != null) {
				view = JSON.readTree(expect(200, look).body());
			}
			if (bounded ? System.nanoTime() >= nextSample && heap.size() < HEAP_SAMPLES
					: measured && heap.isEmpty() && received(prefix) >= recipients / 2) {
				heap.add(heapAfterGc(pid));
				nextSample += sampleEvery;
			}
			if (view != null && view.get("state").asString().equals("SENT")) {
				break;
			}
			Thread.sleep(200);
		}
		boolean cancelled = false;
		if (bounded && (view == null || !view.get("state").asString().equals("SENT"))) {
			patiently(200, () -> send(token, "POST", URI.create(campaign + "/cancel"), null));
			cancelled = true;
			// A cancel stops each connection before its next mail; what was in flight arrives, then nothing more.
			long quiet = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			long seen = -1;
			while (System.nanoTime() < quiet && received(prefix) != seen) {
				seen = received(prefix);
				Thread.sleep(3_000);
			}
			view = JSON.readTree(patiently(200, () -> send(token, "GET", campaign, null)).body());
			return new Watched(view, started, heap, cancelled);
		}
		// Mails the server accepted last may reach its delivery hook a moment after the campaign counts them.
		long settle = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (received(prefix) < recipients && System.nanoTime() < settle) {
			Thread.sleep(100);
		}
		return new Watched(view, started, heap, cancelled);
	}

	/**
	 * A call that a store pausing for a full collection of a million seeded documents may leave unanswered in time:
	 * null after a timeout or the gateway's 503 (its answer when the service did not answer in time), else the answer.
	 */
	private static HttpResponse<String> answered(Call call) throws Exception {
		try {
			HttpResponse<String> response = call.send();
			return response.statusCode() == 503 ? null : response;
		}
		catch (java.net.http.HttpTimeoutException e) {
			return null;
		}
	}

	/** A call whose answer the run needs (a cancel or a look changes nothing when repeated): up to ten tries. */
	private static HttpResponse<String> patiently(int status, Call call) throws Exception {
		for (int attempt = 1; attempt < 10; attempt++) {
			HttpResponse<String> response = answered(call);
			if (response != null) {
				return expect(status, response);
			}
			Thread.sleep(1_000);
		}
		return expect(status, call.send());
	}

	@FunctionalInterface
	private interface Call {
		HttpResponse<String> send() throws Exception;
	}

	private long received(String prefix) {
		return received.keySet().stream().filter(address -> address.startsWith(prefix + "-")).count();
	}

	/** The seeded subscribers go again: on a shared stack, a later campaign must not reach them. */
	private void unseed(LocalStack stack) {
		try (MongoClient client = MongoClients.create(stack.mongoUri("formgate-newsletter"))) {
			client.getDatabase("formgate-newsletter").getCollection("subscriptions")
				.deleteMany(Filters.regex("email", "@" + Pattern.quote(DOMAIN) + "$"));
		}
	}

	private void report(int recipients, String list, double seeded, Watched watched, double heapBefore,
			double heapAfter, double cpu, double harnessCpu) {
		var readers = received.entrySet().stream().filter(e -> e.getKey().startsWith("reader-")).toList();
		long got = readers.size();
		long twice = readers.stream().filter(e -> e.getValue().get() > 1).count();
		long extra = readers.stream().mapToLong(e -> e.getValue().get() - 1L).sum();
		long mails = got + extra;
		JsonNode view = watched.view();
		String state = view == null ? "none" : view.get("state").asString();
		long counted = view == null ? 0 : view.get("progress").get("sent").asLong();
		String how = String.format(Locale.ROOT, "%,d confirmed subscribers of list %s seeded in %.1f s; one campaign "
				+ "(German, Markdown, house template), rate %,d/s, %d connections; state %s%s, the campaign's counts %s; "
				+ "start → last mail %.1f s", recipients, list, seeded, RATE, CONNECTIONS, state,
				watched.cancelled() ? " (cancelled after " + size.seconds().toSeconds() + " s)" : "",
				view == null ? "–" : view.get("progress").toString(), (lastAt.get() - watched.started()) / 1e9);
		String ceilingId = "ceiling.smtp-" + CONNECTIONS + "-connections";
		double ceiling = report.value(ceilingId);
		if (got < 2) {
			report.skip("campaign.mails-per-second", "campaign mails into the SMTP server per second, first to last",
					"mails/s", "≥ 1,000 or ≥ 0.5 of the SMTP ceiling, the lower", how);
		}
		else {
			report.add("campaign.mails-per-second", "campaign mails into the SMTP server per second, first to last",
					got / Math.max((lastAt.get() - firstAt.get()) / 1e9, 1e-3), "mails/s",
					"≥ 1,000 or ≥ 0.5 of the SMTP ceiling, the lower", how, ceiling, ceilingId);
		}
		report.add("campaign.cpu-per-mail", "newsletter-service's CPU time per campaign mail", mails == 0 ? Double.NaN
				: cpu / mails, "ms", "", String.format(Locale.ROOT, "user and system time of its process from the "
						+ "send to the last mail (selection, composing, SMTP, the store's writes) ÷ %,d mails", mails));
		double harnessPerMail = mails == 0 ? Double.NaN : harnessCpu / mails;
		report.add("campaign.harness-cpu-per-mail", "the harness JVM's CPU time per campaign mail (the dev mail "
				+ "server taking it in, the store, Kafka)", harnessPerMail, "ms", "", "compare with "
						+ ceilingId + ".cpu, the same JVM taking in the ceiling's mails (and sending them)",
				report.value(ceilingId + ".cpu"), ceilingId + ".cpu");
		if (watched.cancelled()) {
			report.add("campaign.recipients-missing", String.format(Locale.ROOT, "mails a %,d-recipient campaign, "
					+ "cancelled after %d s, counted as sent that never reached the SMTP server", recipients,
					size.seconds().toSeconds()), counted - got, "recipients", "0", String.format(Locale.ROOT,
							"the campaign counted %,d sent, the SMTP server's delivery hook %,d recipients", counted,
							got));
		}
		else {
			report.add("campaign.recipients-missing", String.format(Locale.ROOT, "recipients of a %,d-recipient "
					+ "campaign whose mail never reached the SMTP server", recipients), recipients - got, "recipients",
					"0", "counted per address at the SMTP server's delivery hook");
		}
		report.add("campaign.recipients-twice", "recipients who got the campaign more than once", twice, "recipients",
				"0", extra + " extra mails in all");
		List<Double> heap = watched.heap();
		String readings = heap.stream().map(h -> String.format(Locale.ROOT, "%.1f", h))
			.collect(java.util.stream.Collectors.joining(", "));
		if (watched.cancelled()) {
			double low = heap.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
			double high = heap.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
			report.add("campaign.heap-growth", "newsletter-service heap after a full GC: the highest reading while it "
					+ "sent minus the lowest", high - low, "MiB", "flat (recipients streamed)", String.format(
							Locale.ROOT, "before %.1f; while sending, every %d s: %s; after the cancel %.1f MiB (jcmd "
									+ "GC.run, then GC.heap_info)",
							heapBefore, size.seconds().toSeconds() / (HEAP_SAMPLES + 1), readings, heapAfter));
		}
		else {
			report.add("campaign.heap-growth", "newsletter-service heap after a full GC, halfway through the sending "
					+ "minus before it", watched.heapHalfway() - heapBefore, "MiB", "flat (recipients streamed)",
					String.format(Locale.ROOT, "before %.1f, halfway %s, after %.1f MiB (jcmd GC.run, then "
							+ "GC.heap_info), after a 50-recipient warm-up campaign", heapBefore, readings,
							heapAfter));
		}
	}

	/**
	 * Mails into the SMTP server over {@link #CONNECTIONS} connections at once, one thread each, as many as the
	 * campaign sends and each to a new address, as a campaign's are (the dev mail server sets up a mailbox for every
	 * new address): a mail of the warm-up campaign, byte for byte, so the server parses and stores what it does for
	 * the campaign. Also the CPU time this JVM (the server and the sending threads) spent per mail.
	 */
	private void smtpCeiling(LocalStack stack, MimeMessage campaignMail, int mails, int earlier) throws Exception {
		Properties settings = new Properties();
		settings.put("mail.smtp.host", "127.0.0.1");
		settings.put("mail.smtp.port", String.valueOf(stack.smtpPort()));
		Session session = Session.getInstance(settings);
		var written = new java.io.ByteArrayOutputStream();
		campaignMail.writeTo(written);
		MimeMessage message = new MimeMessage(session, new java.io.ByteArrayInputStream(written.toByteArray()));
		AtomicInteger next = new AtomicInteger();
		AtomicLong failed = new AtomicLong();
		List<Transport> transports = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				Transport transport = session.getTransport("smtp");
				transport.connect();
				transports.add(transport);
			}
			double cpuBefore = CpuTime.millis(List.of(ProcessHandle.current().pid()));
			long start = System.nanoTime();
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < CONNECTIONS; t++) {
				Transport transport = transports.get(t);
				threads.add(Thread.ofPlatform().daemon().name("smtp-ceiling-" + t).start(() -> {
					for (int i = next.getAndIncrement(); i < mails; i = next.getAndIncrement()) {
						try {
							transport.sendMessage(message, new Address[] { new InternetAddress("ceiling-" + run + "-"
								+ i + "@smtp-ceiling.invalid") });
						}
						catch (Exception e) {
							failed.incrementAndGet();
						}
					}
				}));
			}
			for (Thread thread : threads) {
				thread.join();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			double cpu = CpuTime.millis(List.of(ProcessHandle.current().pid())) - cpuBefore;
			long done = mails - failed.get();
			String id = "ceiling.smtp-" + CONNECTIONS + "-connections";
			report.add(id, "mails into the SMTP server over " + CONNECTIONS + " connections at once",
					done / seconds, "mails/s", "", String.format(Locale.ROOT, "a warm-up campaign mail (%.1f KB) to "
							+ "%,d new addresses, as many as the campaign's; one thread per connection; %d failed; the "
							+ "server held no other address (%,d of earlier stages removed first)",
							written.size() / 1024.0, mails, failed.get(), earlier));
			report.add(id + ".cpu", "the harness JVM's CPU time per mail of the SMTP ceiling (the dev mail server "
					+ "taking it in, the sending threads)", cpu / Math.max(done, 1), "ms", "",
					"user and system time of this JVM over the ceiling ÷ mails");
		}
		finally {
			for (Transport transport : transports) {
				transport.close();
			}
		}
	}

	/** Copies of the template subscription, confirmed an hour ago, each its own subject and address. */
	private void seed(LocalStack stack, Document template, String list, String prefix, int recipients) {
		Date confirmed = Date.from(Instant.now().minus(Duration.ofHours(1)));
		try (MongoClient client = MongoClients.create(stack.mongoUri("formgate-newsletter"))) {
			var subscriptions = client.getDatabase("formgate-newsletter").getCollection("subscriptions");
			var unordered = new InsertManyOptions().ordered(false);
			int batch = 2_000;
			for (int start = 0; start < recipients; start += batch) {
				List<Document> documents = new ArrayList<>(batch);
				for (int i = start; i < Math.min(recipients, start + batch); i++) {
					String email = address(prefix, i);
					Document s = new Document(template);
					s.put("_id", UUID.randomUUID().toString());
					s.put("subjectRef", stack.subjectRefs().of(email).value());
					s.put("email", email);
					s.put("list", list);
					s.put("state", "ACTIVE");
					s.put("version", 1L);
					s.remove("confirmationTokenHash");
					s.remove("confirmationExpiresAt");
					Document consent = new Document(template.get("consent", Document.class));
					consent.put("confirmedAt", confirmed);
					s.put("consent", consent);
					documents.add(s);
				}
				subscriptions.insertMany(documents, unordered);
			}
		}
	}

	private void delivered(String recipient) {
		if (recipient.endsWith("@" + DOMAIN)) {
			received.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
			if (recipient.startsWith("reader-")) {
				long now = System.nanoTime();
				firstAt.accumulateAndGet(now, Math::min);
				lastAt.accumulateAndGet(now, Math::max);
			}
		}
	}

	/** The process's heap in use after a full collection, in MiB (the JDK's jcmd). */
	static double heapAfterGc(long pid) throws IOException, InterruptedException {
		jcmd(pid, "GC.run");
		String info = jcmd(pid, "GC.heap_info");
		Matcher used = HEAP_USED.matcher(info);
		long kib = 0;
		boolean found = false;
		while (used.find()) {
			kib += Long.parseLong(used.group(1));
			found = true;
		}
		return found ? kib / 1024.0 : Double.NaN;
	}

	private static String jcmd(long pid, String command) throws IOException, InterruptedException {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		return output;
	}

	private HttpResponse<String> send(String token, String method, URI uri, String json) throws Exception {
		var request = HttpRequest.newBuilder(uri).timeout(Benchmark.REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + token).header("Accept", "application/json");
		if (json != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
					+ response.statusCode() + " instead of " + status);
		}
		return response;
	}
}
