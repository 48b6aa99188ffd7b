package dev.formgate.infra.bench;

import dev.formgate.infra.LocalStack;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP ceilings and Formgate's HTTP path beside them, all driven by the same client ({@link RawHttp}, 16
 * keep-alive connections back to back, after an uncounted warm-up): the bare applications first, then the gateway
 * alone, its cheapest routed call and the no-op route, each as a ratio to the bare application it matches.
 */
final class HttpCeilings {

	static final int CONNECTIONS = 16;
	/** A routed call the newsletter-service answers with 200 without touching its store: the confirm page's GET. */
	static final String CHEAPEST_ROUTED_CALL = "/newsletter/confirm?token=bench-not-a-token";
	/** A routed call the newsletter-service answers with a 404 problem, touching nothing (its error path). */
	static final String NO_OP_ROUTE = "/api/newsletter/no-op";

	private final Report report;
	private final Benchmark.Mode mode;
	private final LocalStack stack;
	private final Benchmark.Store store;

	HttpCeilings(Report report, Benchmark.Mode mode, LocalStack stack, Benchmark.Store store) {
		this.report = report;
		this.mode = mode;
		this.stack = stack;
		this.store = store;
	}

	/** Each bare application's RSS once started: the floor for a Spring Boot JVM with the same options. */
	void bareMemory(BareApps bare, Map<String, Long> kib) {
		kib.forEach((name, rss) -> report.add("rss.bare.idle." + name, name + " RSS after start (same JVM options)",
				rss / 1024.0, "MiB", "", "VmRSS of the bare application, started and answered once"));
	}

	void run(BareApps bare) throws Exception {
		if (store == Benchmark.Store.MEMORY) {
			Map<String, Long> bares = bare.pids();
			Map<String, Long> services = stack.servicePids();
			var webflux = loop(bare.url("bare-webflux"), "/hello", 200, bares.get("bare-webflux"));
			add("ceiling.bare-webflux", "bare WebFlux on Netty: GET /hello answered 200", webflux, null);
			var mvc = loop(bare.url("bare-mvc"), "/ok", 200, bares.get("bare-mvc"));
			add("ceiling.bare-mvc", "bare Spring MVC on Tomcat, virtual threads: GET /ok answered 200", mvc, null);
			var route = loop(bare.url("bare-gateway"), "/ok", 200, bares.get("bare-gateway"), bares.get("bare-mvc"));
			add("ceiling.bare-gateway-route", "bare Spring Cloud Gateway route to the bare Spring MVC GET /ok (200)",
					route, null);

			URI gateway = URI.create(stack.gatewayUrl());
			add("gateway.alone", "Formgate's gateway alone: its liveness endpoint (200, no route)",
					loop(gateway, "/actuator/health/liveness", 200, services.get("gateway")), "ceiling.bare-webflux");
			add("service.cheapest-call", "newsletter-service alone: GET " + CHEAPEST_ROUTED_CALL + " (the confirm "
					+ "page, 200, no store access)", loop(stack.serviceUrl("newsletter-service"), CHEAPEST_ROUTED_CALL,
							200, services.get("newsletter-service")), "ceiling.bare-mvc");
			var routed = loop(gateway, CHEAPEST_ROUTED_CALL, 200, services.get("gateway"),
					services.get("newsletter-service"));
			add("gateway.cheapest-routed-call", "Formgate's cheapest routed call: GET " + CHEAPEST_ROUTED_CALL
					+ " through the gateway to newsletter-service (200)", routed, "ceiling.bare-gateway-route");
			add("gateway.no-op-route", "GET " + NO_OP_ROUTE + " through the gateway: newsletter-service's 404 problem "
					+ "(its error path)", loop(gateway, NO_OP_ROUTE, 404, services.get("gateway"),
							services.get("newsletter-service")), "ceiling.bare-gateway-route");
			report.add("route.overhead", "gateway route overhead: bare SCG route ÷ Formgate's cheapest routed call",
					route.perSecond() / routed.perSecond(), "×", "≤ 2", String.format(Locale.ROOT, "%.0f ÷ %.0f req/s",
							route.perSecond(), routed.perSecond()));
			report.add("route.overhead.cpu", "the same in CPU time per request: Formgate's cheapest routed call ÷ the "
					+ "bare SCG route, gateway and service processes together", routed.cpuMillisPerRequest()
							/ route.cpuMillisPerRequest(), "×", "", String.format(Locale.ROOT, "%.3f ÷ %.3f CPU ms "
									+ "per request (what a busy machine distorts least)", routed.cpuMillisPerRequest(),
									route.cpuMillisPerRequest()));
		}
		add("ceiling." + store.id + ".bare-mvc-insert", "bare Spring MVC sign-up: POST JSON, one insertOne into the "
				+ "stack's store, 202, " + store.label, signUps(bare.url("bare-mvc")), null);
		if (store == Benchmark.Store.MEMORY) {
			bare.pids().forEach((name, pid) -> report.add("rss.bare.load." + name, name + " RSS after its load",
					Benchmark.rss(Map.of(name, pid)).get(name) / 1024.0, "MiB", "", "VmRSS right after the loops above"));
		}
	}

	/** A row of requests per second, as a ratio to the ceiling row {@code ceilingId} if there is one. */
	private void add(String id, String what, Load.Throughput result, String ceilingId) {
		String how = String.format(Locale.ROOT, "%d keep-alive connections back to back, %.1f s warm-up, %.1f s "
				+ "counted; %d failed", CONNECTIONS, mode.warmUp.toMillis() / 1000.0, mode.ceiling.toMillis() / 1000.0,
				result.failed());
		if (ceilingId == null) {
			report.add(id, what, result.perSecond(), "req/s", "", how);
		}
		else {
			report.add(id, what, result.perSecond(), "req/s", "", how, report.value(ceilingId), ceilingId);
		}
		if (result.cpuMillis() > 0) {
			String cpuWhat = "CPU time per request of the server process(es) answering " + id;
			String cpuHow = String.format(Locale.ROOT, "%.0f CPU ms over %d requests (/proc: user and system, every "
					+ "thread)", result.cpuMillis(), result.done());
			if (ceilingId == null) {
				report.add(id + ".cpu", cpuWhat, result.cpuMillisPerRequest(), "ms", "", cpuHow);
			}
			else {
				report.add(id + ".cpu", cpuWhat, result.cpuMillisPerRequest(), "ms", "", cpuHow,
						report.value(ceilingId + ".cpu"), ceilingId + ".cpu");
			}
		}
	}

	/** Requests back to back, with the CPU time of the {@code servers} that answer them. */
	private Load.Throughput loop(URI base, String path, int status, Long... servers) throws InterruptedException {
		byte[] request = RawHttp.get(base, path, Map.of());
		return Load.http(base, CONNECTIONS, mode.warmUp, mode.ceiling, status, connection -> request,
				List.of(servers));
	}

	private Load.Throughput signUps(URI base) throws InterruptedException {
		byte[] request = RawHttp.post(base, "/subscriptions", Map.of(), "application/json",
				"{\"email\":\"ceiling@" + Benchmark.MAIL_DOMAIN + "\",\"consent\":true}");
		return Load.http(base, CONNECTIONS, mode.warmUp, mode.ceiling, 202, connection -> request);
	}
}
