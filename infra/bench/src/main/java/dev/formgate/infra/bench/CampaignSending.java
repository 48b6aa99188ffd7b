package dev.formgate.infra.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import dev.formgate.infra.LocalStack;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
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
 * server's ceiling over as many connections. Every mail is counted where the SMTP server takes it in (its delivery
 * hook), per recipient: the rate from the first to the last, who got none, who got more than one. newsletter-service's
 * heap after a full collection is read before, halfway through and after the sending: recipients are streamed, so it
 * must not grow with the list.
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

	private final Report report;
	private final Benchmark.Mode mode;
	private final HttpClient http;
	private final String run;
	private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
	private final AtomicLong firstAt = new AtomicLong(Long.MAX_VALUE);
	private final AtomicLong lastAt = new AtomicLong(Long.MIN_VALUE);

	CampaignSending(Report report, Benchmark.Mode mode, HttpClient http, String run) {
		this.report = report;
		this.mode = mode;
		this.http = http;
		this.run = run;
	}

	void run(LocalStack stack, Document subscriptionTemplate) throws Exception {
		smtpCeiling(stack);
		int recipients = switch (mode) {
			case SMOKE -> 200;
			case QUICK -> 20_000;
			case FULL -> 100_000;
		};
		String list = subscriptionTemplate.getString("list");
		String token = stack.adminToken(Duration.ofMinutes(60), "newsletter-editor");
		long pid = stack.servicePids().get("newsletter-service");
		stack.onMailDelivered(this::delivered);
		// A first, small campaign loads and compiles what sending needs, so the heap read before the measured one
		// holds what any campaign leaves behind, and the rate is not the first campaign's.
		seed(stack, subscriptionTemplate, list, "warm-up", 50);
		sendAndWatch(stack, token, list, "warm-up", 50, pid, false);
		unseed(stack);

		long seedStart = System.nanoTime();
		seed(stack, subscriptionTemplate, list, "reader", recipients);
		double seeded = (System.nanoTime() - seedStart) / 1e9;
		double heapBefore = heapAfterGc(pid);
		Map<String, long[]> scansBefore = stack.storeScans();
		Watched watched = sendAndWatch(stack, token, list, "reader", recipients, pid, true);
		ScanReads scans = ScanReads.between(scansBefore, stack.storeScans());
		double heapAfter = heapAfterGc(pid);
		report.add("campaign.scan-reads-per-recipient", "documents the store read in whole-collection scans per "
				+ "recipient of the campaign", scans.documents() / (double) recipients, "documents", "",
				scans.top(4));
		report(recipients, list, seeded, watched.view(), watched.started(), heapBefore, watched.heapHalfway(),
				heapAfter);
		unseed(stack);
	}

	private record Watched(JsonNode view, long started, double heapHalfway) {
	}

	/** Sends a campaign to the list and waits until it is SENT and the recipients' mails are in. */
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

		double heapHalfway = Double.NaN;
		long deadline = started + Duration.ofSeconds(mode == Benchmark.Mode.SMOKE ? 60 : 900).toNanos();
		JsonNode view = null;
		while (System.nanoTime() < deadline) {
			view = JSON.readTree(expect(200, send(token, "GET", campaign, null)).body());
			if (measured && Double.isNaN(heapHalfway) && received(prefix) >= recipients / 2) {
				heapHalfway = heapAfterGc(pid);
			}
			if (view.get("state").asString().equals("SENT")) {
				break;
			}
			Thread.sleep(200);
		}
		// Mails the server accepted last may reach its delivery hook a moment after the campaign counts them.
		long settle = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (received(prefix) < recipients && System.nanoTime() < settle) {
			Thread.sleep(100);
		}
		return new Watched(view, started, heapHalfway);
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

	private void report(int recipients, String list, double seeded, JsonNode view, long started, double heapBefore,
			double heapHalfway, double heapAfter) {
		var readers = received.entrySet().stream().filter(e -> e.getKey().startsWith("reader-")).toList();
		long got = readers.size();
		long twice = readers.stream().filter(e -> e.getValue().get() > 1).count();
		long extra = readers.stream().mapToLong(e -> e.getValue().get() - 1L).sum();
		String state = view == null ? "none" : view.get("state").asString();
		String how = String.format(Locale.ROOT, "%,d confirmed subscribers of list %s seeded in %.1f s; one campaign "
				+ "(German, Markdown, house template), rate %,d/s, %d connections; state %s, the campaign's counts %s; "
				+ "start → last mail %.1f s", recipients, list, seeded, RATE, CONNECTIONS, state,
				view == null ? "–" : view.get("progress").toString(),
				(lastAt.get() - started) / 1e9);
		double ceiling = report.value("ceiling.smtp-" + CONNECTIONS + "-connections");
		if (got < 2) {
			report.skip("campaign.mails-per-second", "campaign mails into the SMTP server per second, first to last",
					"mails/s", "≥ 1,000 or ≥ 0.5 of the SMTP ceiling, the lower", how);
		}
		else {
			report.add("campaign.mails-per-second", "campaign mails into the SMTP server per second, first to last",
					got / Math.max((lastAt.get() - firstAt.get()) / 1e9, 1e-3), "mails/s",
					"≥ 1,000 or ≥ 0.5 of the SMTP ceiling, the lower", how, ceiling,
					"ceiling.smtp-" + CONNECTIONS + "-connections");
		}
		report.add("campaign.recipients-missing", String.format(Locale.ROOT, "recipients of a %,d-recipient campaign "
				+ "whose mail never reached the SMTP server", recipients), recipients - got, "recipients", "0",
				"counted per address at the SMTP server's delivery hook");
		report.add("campaign.recipients-twice", "recipients who got the campaign more than once", twice, "recipients",
				"0", extra + " extra mails in all");
		report.add("campaign.heap-growth", "newsletter-service heap after a full GC, halfway through the sending minus "
				+ "before it", heapHalfway - heapBefore, "MiB", "flat (recipients streamed)", String.format(Locale.ROOT,
						"before %.1f, halfway %.1f, after %.1f MiB (jcmd GC.run, then GC.heap_info; -Xmx256m), after a "
								+ "50-recipient warm-up campaign",
						heapBefore, heapHalfway, heapAfter));
	}

	/**
	 * Mails into the SMTP server over {@link #CONNECTIONS} connections at once, one thread each: multipart/alternative
	 * (plain text and HTML, the size of a campaign mail), each to an address of its own, as a campaign's are — the
	 * dev mail server sets up a mailbox for every new address.
	 */
	private void smtpCeiling(LocalStack stack) throws Exception {
		Properties settings = new Properties();
		settings.put("mail.smtp.host", "127.0.0.1");
		settings.put("mail.smtp.port", String.valueOf(stack.smtpPort()));
		Session session = Session.getInstance(settings);
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("newsletter@formgate.localhost"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("ceiling@smtp-ceiling.invalid"));
		message.setSubject("Neuigkeiten aus dem Rathaus", "UTF-8");
		String line = "Die Bürgersprechstunde findet am Dienstag statt. Mehr dazu auf unserer Seite.";
		var text = new MimeBodyPart();
		text.setText("Guten Tag,\n\n" + (line + "\n").repeat(20), "UTF-8");
		var html = new MimeBodyPart();
		html.setText("<!DOCTYPE html><html lang=\"de\"><body><h2>Guten Tag</h2>" + ("<p>" + line
				+ " <a href=\"https://example.org/termine\">Termine</a></p>").repeat(20) + "</body></html>", "UTF-8",
				"html");
		message.setContent(new MimeMultipart("alternative", text, html));
		message.saveChanges();
		var written = new java.io.ByteArrayOutputStream();
		message.writeTo(written);
		AtomicLong addresses = new AtomicLong();
		List<Transport> transports = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				Transport transport = session.getTransport("smtp");
				transport.connect();
				transports.add(transport);
			}
			var result = Load.closedLoop(CONNECTIONS, mode.ceiling, thread -> transports.get(thread).sendMessage(message,
					new Address[] { new InternetAddress("ceiling-" + run + "-" + addresses.incrementAndGet()
							+ "@smtp-ceiling.invalid") }));
			report.add("ceiling.smtp-" + CONNECTIONS + "-connections", "mails into the SMTP server over " + CONNECTIONS
					+ " connections at once", result.perSecond(), "mails/s", "", String.format(Locale.ROOT,
							"multipart/alternative, %.1f KB, each to a new address; one thread per connection; %d failed",
							written.size() / 1024.0, result.failed()));
		}
		finally {
			for (Transport transport : transports) {
				transport.close();
			}
		}
		stack.clearMails();
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
					String email = prefix + "-" + run + "-" + i + "@" + DOMAIN;
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
