package dev.formgate.gateway.usage;

import dev.formgate.gateway.client.ClientAddress;
import dev.formgate.gateway.client.IpPrefixes;
import dev.formgate.web.CanonicalPaths;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One usage-log line per request with the fields the privacy notice names: path, time, bytes sent, status, browser
 * and OS family, referrer host, and the address anonymised (IPv4 /16, IPv6 /48). The full address goes only to the
 * security log, which is kept for days, not years. Query strings (tokens) and bodies are never logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UsageLog implements WebFilter {

	private static final Logger usage = LoggerFactory.getLogger("formgate.usage");
	private static final Logger security = LoggerFactory.getLogger("formgate.security");
	// Path segments that look like tokens or ids are replaced: a path must not carry a secret into a log.
	// Segments with an @ look like an e-mail address (/newsletter/alice@example.org): never logged, never counted.
	private static final Pattern ADDRESS_SEGMENT = Pattern.compile("(?<=/)[^/]*@[^/]*");
	private static final Pattern OPAQUE_SEGMENT = Pattern.compile("(?<=/)[A-Za-z0-9_\\-.~%=]{20,}(?=/|$)");
	private static final Pattern NOT_PRINTABLE = Pattern.compile("[^\\x21-\\x7e]");

	private final DailyStatistics statistics;
	private final Clock clock;

	UsageLog(DailyStatistics statistics, Clock clock) {
		this.statistics = statistics;
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Instant start = clock.instant();
		AtomicLong bytes = new AtomicLong();
		var response = new ServerHttpResponseDecorator(exchange.getResponse()) {
			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				return super.writeWith(Flux.from(body).doOnNext(buffer -> bytes.addAndGet(buffer.readableByteCount())));
			}

			@Override
			public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
				return super.writeAndFlushWith(Flux.from(body).map(part -> Flux.from(part)
					.doOnNext(buffer -> bytes.addAndGet(buffer.readableByteCount()))));
			}
		};
		ServerWebExchange counted = exchange.mutate().response(response).build();
		return chain.filter(counted).doFinally(signal -> record(counted, start, bytes.get()));
	}

	private void record(ServerWebExchange exchange, Instant time, long bytes) {
		HttpStatusCode code = exchange.getResponse().getStatusCode();
		int status = code == null ? 200 : code.value();
		String path = loggablePath(exchange.getRequest().getURI().getRawPath());
		String method = exchange.getRequest().getMethod().name();
		HttpHeaders headers = exchange.getRequest().getHeaders();
		UserAgents.Family family = UserAgents.parse(headers.getFirst(HttpHeaders.USER_AGENT));
		String referrer = referrerHost(headers.getFirst(HttpHeaders.REFERER));
		String address = ClientAddress.of(exchange);
		// Each line only when its logger writes (an operator may switch either off), and the time written once.
		boolean toUsage = usage.isInfoEnabled();
		boolean toSecurity = security.isInfoEnabled();
		String requested = toUsage || toSecurity ? time.toString() : null;
		if (toUsage) {
			usage.info("time={} method={} path={} status={} bytes={} browser=\"{}\" os={} referrer={} ip={}",
					requested, method, path, status, bytes, family.browser(), family.os(), referrer,
					IpPrefixes.anonymise(address));
		}
		if (toSecurity) {
			security.info("ip={} method={} path={} status={} requested={}", address, method, path, status, requested);
		}
		statistics.count(time, status == 404 ? "(not found)" : path, status, family, referrer, bytes);
	}

	/**
	 * The path as logs and statistics may keep it: segments that look like a token or an address are replaced, and a
	 * path that is not canonical (refused anyway) is not kept at all, since its encoding could hide either.
	 */
	static String loggablePath(String path) {
		if (!CanonicalPaths.isCanonical(path)) {
			return "(not canonical)";
		}
		String bounded = path.length() > 200 ? path.substring(0, 200) + "…" : path;
		String redacted = bounded.indexOf('@') < 0 ? bounded : ADDRESS_SEGMENT.matcher(bounded).replaceAll("{address}");
		// The expressions run only where they could change something: a segment of 20 characters or more, a
		// character outside printable ASCII (a canonical path has none but the "…" of a cut one).
		String opaque = longestSegment(redacted) < 20 ? redacted
				: OPAQUE_SEGMENT.matcher(redacted).replaceAll("{redacted}");
		return printable(opaque) ? opaque : NOT_PRINTABLE.matcher(opaque).replaceAll("?");
	}

	private static int longestSegment(String path) {
		int longest = 0;
		int start = 0;
		for (int i = 0; i <= path.length(); i++) {
			if (i == path.length() || path.charAt(i) == '/') {
				longest = Math.max(longest, i - start);
				start = i + 1;
			}
		}
		return longest;
	}

	private static boolean printable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	static String referrerHost(String referrer) {
		if (referrer == null || referrer.isBlank()) {
			return "-";
		}
		try {
			String host = URI.create(referrer.strip()).getHost();
			return host == null ? "invalid" : host.toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException e) {
			return "invalid";
		}
	}
}
