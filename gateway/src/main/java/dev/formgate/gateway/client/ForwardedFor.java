package dev.formgate.gateway.client;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Hands the services exactly the resolved client address: {@code X-Forwarded-For} leaves the gateway with one entry,
 * so nothing a client wrote into the header reaches a service as its address, and the services trust one hop (the
 * gateway). {@code Forwarded} and {@code X-Real-IP} from outside are dropped. Runs last among the header filters, after
 * the gateway's own removal of incoming {@code X-Forwarded-*} headers.
 */
@Component
class ForwardedFor implements HttpHeadersFilter, Ordered {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		headers.remove("Forwarded");
		headers.remove("X-Real-IP");
		headers.set("X-Forwarded-For", ClientAddress.of(exchange));
		return headers;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
