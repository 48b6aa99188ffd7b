package dev.formgate.gateway.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/** A request body read into memory by a filter, and handed on so that the route still sends it. */
public final class RequestBodies {

	private RequestBodies() {
	}

	/** The buffer's bytes; the buffer is released. */
	public static byte[] bytes(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		DataBufferUtils.release(buffer);
		return bytes;
	}

	/**
	 * The request with {@code body} as its body, sent with a {@code Content-Length} instead of in chunks. Its headers
	 * are copied once: the handler mappings ask for them once per mapping they try, a few dozen times a request.
	 */
	public static ServerHttpRequest replaying(ServerHttpRequest request, byte[] body) {
		HttpHeaders copy = new HttpHeaders();
		copy.putAll(request.getHeaders());
		copy.remove(HttpHeaders.TRANSFER_ENCODING);
		copy.setContentLength(body.length);
		HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(copy);
		return new ServerHttpRequestDecorator(request) {
			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
			}
		};
	}
}
