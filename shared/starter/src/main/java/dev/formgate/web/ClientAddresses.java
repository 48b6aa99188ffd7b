package dev.formgate.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client's address as the configured number of trusted proxies reports it. Entries left of the trusted ones are
 * whatever the client chose to send, so the left-most {@code X-Forwarded-For} value is never believed.
 */
public class ClientAddresses {

	private final int trustedProxies;

	ClientAddresses(WebProperties properties) {
		this.trustedProxies = Math.max(0, properties.trustedProxies());
	}

	public String of(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		var forwarded = request.getHeaders("X-Forwarded-For");
		while (forwarded.hasMoreElements()) {
			Arrays.stream(forwarded.nextElement().split(",")).map(String::strip).filter(s -> !s.isEmpty())
				.forEach(hops::add);
		}
		hops.add(request.getRemoteAddr());
		// hops = [client-supplied…, proxy n, …, proxy 1 (our peer)]; step back over the trusted proxies.
		int index = Math.max(0, hops.size() - 1 - trustedProxies);
		String candidate = hops.get(index);
		return IpAddresses.isLiteral(candidate) ? candidate : request.getRemoteAddr();
	}
}
