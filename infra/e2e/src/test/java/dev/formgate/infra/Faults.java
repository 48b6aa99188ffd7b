package dev.formgate.infra;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** What the fault tests share: clients on distinct addresses, their posts, and the mail accounting. */
final class Faults {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	static final String STAFF_INBOX = "buergerservice@formgate.localhost";

	private Faults() {
	}

	/** Fresh lower-case addresses, one per sign-up. */
	static List<String> emails(String kind, int count) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		return IntStream.range(0, count).mapToObj(i -> kind + "-" + run + "-" + i + "@example.org").toList();
	}

	/**
	 * The i-th client address of a test: each test has its own {@code block}, each client its own address, at most
	 * 200 per /24 network.
	 */
	static String client(int block, int i) {
		return "10." + block + "." + (i / 200) + "." + (i % 200 + 1);
	}

	/** One answer as the client saw it: status, Retry-After, how long it took, and when it came. */
	record Answer(int status, String retryAfter, Duration took, Instant at) {
	}

	static Answer signUp(LocalStack stack, String email, String client) {
		return post(stack.gatewayUrl() + "/api/newsletter/subscriptions",
				"{\"email\":\"" + email + "\",\"consent\":true}", client, ProofOfWork.solved(stack, "newsletter"));
	}

	static Answer contact(LocalStack stack, String email, String client) {
		return post(stack.gatewayUrl() + "/api/contact", "{\"topic\":\"buergerservice\",\"name\":\"Fault Test\","
				+ "\"email\":\"" + email + "\",\"subject\":\"Anfrage\",\"message\":\"Bitte um Rückruf.\","
				+ "\"privacy\":true}", client, ProofOfWork.solved(stack, "contact"));
	}

	static Answer post(String url, String json, String client, String altcha) {
		Instant start = Instant.now();
		try {
			var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json").header("X-Forwarded-For", client);
			if (altcha != null) {
				request.header("Altcha", altcha);
			}
			var response = HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
					HttpResponse.BodyHandlers.ofString());
			Instant at = Instant.now();
			return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
					Duration.between(start, at), at);
		}
		catch (Exception e) {
			// No answer at all (connection cut): the client cannot know, like a 5xx.
			Instant at = Instant.now();
			return new Answer(-1, null, Duration.between(start, at), at);
		}
	}

	/** Runs {@code task(i)} for i in [0, count) on {@code threads} threads, in order of i as far as threads allow. */
	static void inParallel(int count, int threads, IntConsumer task) throws Exception {
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						task.accept(i);
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
	}

	/** Signs every address up (client i from {@code block}); the answers by address. */
	static Map<String, Answer> signUps(LocalStack stack, List<String> emails, int block, int threads)
			throws Exception {
		Map<String, Answer> answers = new ConcurrentHashMap<>();
		inParallel(emails.size(), threads, i -> answers.put(emails.get(i), signUp(stack, emails.get(i),
				client(block, i))));
		return answers;
	}

	static List<String> accepted(Map<String, Answer> answers) {
		return answers.entrySet().stream().filter(e -> e.getValue().status() == 202).map(Map.Entry::getKey).sorted()
			.toList();
	}

	static Map<Integer, Long> statuses(Map<String, Answer> answers) {
		Map<Integer, Long> statuses = new HashMap<>();
		answers.values().forEach(a -> statuses.merge(a.status(), 1L, Long::sum));
		return statuses;
	}

	/** Every mail the SMTP server holds, by (lower-case) To address. One pass over the store. */
	static Map<String, List<MimeMessage>> mailsByRecipient(LocalStack stack) {
		Map<String, List<MimeMessage>> byRecipient = new HashMap<>();
		for (MimeMessage mail : stack.mails()) {
			for (String to : addresses(mail, "To")) {
				byRecipient.computeIfAbsent(to, k -> new ArrayList<>()).add(mail);
			}
		}
		return byRecipient;
	}

	/** Staff notifications by the sender they are about (their Reply-To). */
	static Map<String, List<MimeMessage>> staffMailsBySender(LocalStack stack) {
		Map<String, List<MimeMessage>> bySender = new HashMap<>();
		for (MimeMessage mail : mailsByRecipient(stack).getOrDefault(STAFF_INBOX, List.of())) {
			for (String replyTo : addresses(mail, "Reply-To")) {
				bySender.computeIfAbsent(replyTo, k -> new ArrayList<>()).add(mail);
			}
		}
		return bySender;
	}

	/** How many of these addresses have at least one mail; and how many mails beyond one in all. */
	record MailCount(int reached, int duplicates, int sameMessageIdTwice) {
	}

	static MailCount count(Map<String, List<MimeMessage>> mails, List<String> addresses) {
		int reached = 0;
		int duplicates = 0;
		int sameId = 0;
		for (String address : addresses) {
			List<MimeMessage> received = mails.getOrDefault(address, List.of());
			if (!received.isEmpty()) {
				reached++;
				duplicates += received.size() - 1;
				sameId += received.size() - (int) received.stream().map(Faults::messageId).distinct().count();
			}
		}
		return new MailCount(reached, duplicates, sameId);
	}

	static String messageId(MimeMessage mail) {
		try {
			return mail.getMessageID();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static List<String> addresses(MimeMessage mail, String header) {
		try {
			String value = mail.getHeader(header, ",");
			if (value == null) {
				return List.of();
			}
			List<String> addresses = new ArrayList<>();
			for (Address address : InternetAddress.parseHeader(value, false)) {
				addresses.add(((InternetAddress) address).getAddress().toLowerCase(Locale.ROOT));
			}
			return addresses;
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The figures line every fault test prints, one line, easy to grep: {@code FAULT <name>: key=value …}. */
	/**
	 * The erasure-service's count of consents requested (SubscriptionRequested events consumed, each id once) from
	 * yesterday to tomorrow on its Berlin calendar, through the gateway's admin API.
	 */
	static long consentsRequested(LocalStack stack) {
		LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
		try {
			var answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/admin/activity?from="
					+ today.minusDays(1) + "&to=" + today.plusDays(1)))
				.header("Authorization", "Bearer " + stack.adminToken(Duration.ofMinutes(5), "privacy-admin")).build(),
					HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				throw new IllegalStateException("activity figures answered " + answer.statusCode());
			}
			return JsonMapper.builder().build().readTree(answer.body()).path("totals").path("consentsRequested")
				.asLong();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static void figures(String name, Object... keysAndValues) {
		StringBuilder line = new StringBuilder("FAULT ").append(name).append(":");
		for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
			line.append(' ').append(keysAndValues[i]).append('=').append(keysAndValues[i + 1]);
		}
		System.out.println(line);
	}

	static long seconds(Instant from, Instant to) {
		return Math.round(Duration.between(from, to).toMillis() / 1000.0);
	}
}
