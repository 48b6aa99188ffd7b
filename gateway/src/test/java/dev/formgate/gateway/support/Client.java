package dev.formgate.gateway.support;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests to the gateway, each from a client address of the test's choosing (the trusted proxy's header). */
public final class Client {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private static final AtomicInteger NEXT = new AtomicInteger(1);

	private final String base;

	public Client(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** A fresh address in its own /16, so no two tests share a rate-limit bucket. */
	public static String freshAddress() {
		int n = NEXT.getAndIncrement();
		return "10." + (n / 256 % 256) + "." + (n % 256) + ".7";
	}

	public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request, headers);
	}

	/** A body without Content-Length, sent in chunks as it is read. */
	public HttpResponse<String> sendChunked(String path, String contentType, String body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofInputStream(
					() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))), headers);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
		request.timeout(Duration.ofSeconds(20));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send("GET", path, null, null, headers);
	}

	public HttpResponse<String> postJson(String path, String json, String... headers) {
		return send("POST", path, "application/json", json, headers);
	}

	public HttpResponse<String> postForm(String path, String form, String... headers) {
		return send("POST", path, "application/x-www-form-urlencoded", form, headers);
	}
}
