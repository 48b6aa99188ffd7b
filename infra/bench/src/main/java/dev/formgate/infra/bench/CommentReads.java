package dev.formgate.infra.bench;

import dev.formgate.infra.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Reading a blog post's published comments through the gateway, beside the bare gateway-route ceiling of the same run
 * (target ≥ 0.5 of it), and the revalidation a browser sends after its max-age ({@code If-None-Match}, answered
 * {@code 304}), which must not reach the store: the comment-service database's commands are counted over the loop.
 * Runs after the ceilings (it needs {@code ceiling.bare-gateway-route}); seeds published comments on the demo post.
 */
final class CommentReads {

	static final String SITE = "demo";
	static final String POST = "willkommen";
	static final String PATH = "/api/comments?site=" + SITE + "&post=" + POST;
	static final int SEEDED = 20;

	private final Report report;
	private final Benchmark.Mode mode;
	private final HttpClient http;
	private final String run;

	CommentReads(Report report, Benchmark.Mode mode, HttpClient http, String run) {
		this.report = report;
		this.mode = mode;
		this.http = http;
		this.run = run;
	}

	void run(LocalStack stack) throws Exception {
		URI gateway = URI.create(stack.gatewayUrl());
		seed(stack, gateway);
		var first = http.send(HttpRequest.newBuilder(gateway.resolve(PATH)).build(), HttpResponse.BodyHandlers.ofString());
		if (first.statusCode() != 200) {
			throw new IllegalStateException("reading the post's comments answered " + first.statusCode());
		}
		String etag = first.headers().firstValue("ETag").orElseThrow();
		int shown = first.body().split("\"postedAt\"", -1).length - 1;

		String how = String.format(Locale.ROOT, "%d keep-alive connections back to back, %.1f s warm-up, %.1f s counted; "
				+ "the post shows %d comments", HttpCeilings.CONNECTIONS, mode.warmUp.toMillis() / 1000.0,
				mode.ceiling.toMillis() / 1000.0, shown);
		var reads = Load.http(gateway, HttpCeilings.CONNECTIONS, mode.warmUp, mode.ceiling, 200,
				connection -> RawHttp.get(gateway, PATH, Map.of()));
		report.add("comments.read", "a post's published comments through the gateway: GET " + PATH + " (200)",
				reads.perSecond(), "req/s", "≥ 0.5 of the bare route", how + "; " + reads.failed() + " failed",
				report.value("ceiling.bare-gateway-route"), "ceiling.bare-gateway-route");

		Map<String, Long> before = stack.storeCommands();
		var revalidations = Load.http(gateway, HttpCeilings.CONNECTIONS, mode.warmUp, mode.ceiling, 304,
				connection -> RawHttp.get(gateway, PATH, Map.of("If-None-Match", etag)));
		Map<String, Long> after = stack.storeCommands();
		long commands = after.entrySet().stream().filter(e -> e.getKey().startsWith("formgate-comment "))
			.mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
		report.add("comments.revalidation", "revalidating them: the same GET with If-None-Match (304)",
				revalidations.perSecond(), "req/s", "", how + "; " + revalidations.failed() + " failed",
				report.value("ceiling.bare-gateway-route"), "ceiling.bare-gateway-route");
		long answered = revalidations.done();
		report.add("comments.revalidation.store-commands", "comment-service store commands per revalidation",
				answered == 0 ? Double.NaN : commands / (double) answered, "per request", "0 (within max-age)",
				String.format(Locale.ROOT, "%d commands on formgate-comment during %d revalidations and the warm-up "
						+ "(retention and relay sweeps included)", commands, answered));
	}

	/** Published comments on the demo post, posted as a website would and published by a moderator. */
	private void seed(LocalStack stack, URI gateway) throws Exception {
		String moderator = stack.adminToken(Duration.ofMinutes(10), "comment-moderator");
		for (int i = 0; i < SEEDED; i++) {
			String solution = ProofOfWork.solve(http.send(HttpRequest.newBuilder(gateway
				.resolve("/api/altcha/challenge?form=comment")).build(), HttpResponse.BodyHandlers.ofString()));
			String body = "{\"site\":\"" + SITE + "\",\"post\":\"" + POST + "\",\"name\":\"Bench " + run + "-" + i
					+ "\",\"text\":\"Ein Kommentar von mittlerer Länge, damit die Antwort nicht winzig ist: " + run
					+ "-" + i + "\"}";
			var posted = http.send(HttpRequest.newBuilder(gateway.resolve("/api/comments"))
				.header("Content-Type", "application/json").header("Altcha", solution)
				.header("X-Forwarded-For", "198.18." + (i / 200) + "." + (i % 200 + 1))
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
			if (posted.statusCode() != 202) {
				throw new IllegalStateException("seeding a comment answered " + posted.statusCode());
			}
			String id = posted.body().replaceAll(".*\"commentId\":\"([^\"]+)\".*", "$1");
			var published = http.send(HttpRequest.newBuilder(gateway.resolve("/api/admin/comments/" + id + "/state"))
				.header("Content-Type", "application/json").header("Authorization", "Bearer " + moderator)
				.PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"PUBLISHED\"}")).build(),
					HttpResponse.BodyHandlers.ofString());
			if (published.statusCode() != 200) {
				throw new IllegalStateException("publishing a seeded comment answered " + published.statusCode());
			}
		}
	}
}
