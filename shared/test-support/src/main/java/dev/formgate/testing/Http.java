package dev.formgate.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the services' tests: what a browser or API client sends, byte for byte, no redirects followed. */
public class Http {

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	private final String base;

	private final String[] defaultHeaders;

	public Http(String base, String... defaultHeaders) {
		this.base = base;
		this.defaultHeaders = defaultHeaders;
	}

	/** The same client, sending these headers (an Authorization, say) with every request. */
	public Http with(String... headers) {
		return new Http(base, headers);
	}

	public HttpResponse<String> get(String pathOrUrl, String... headers) {
		return send(request(pathOrUrl, headers).GET().build());
	}

	public HttpResponse<String> postJson(String path, String json, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)).build());
	}

	public HttpResponse<String> postForm(String pathOrUrl, Map<String, String> fields, String... headers) {
		return send(request(pathOrUrl, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
	}

	public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
		return send(request(path, headers).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	/** Any method, with a JSON body or none. */
	public HttpResponse<String> send(String method, String path, String json, String... headers) {
		var builder = request(path, headers);
		if (json == null) {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		return send(builder.build());
	}

	public static Map<String, String> fields(String... keyValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put(keyValues[i], keyValues[i + 1]);
		}
		return map;
	}

	public static String form(Map<String, String> fields) {
		return fields.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private HttpRequest.Builder request(String pathOrUrl, String... headers) {
		var builder = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl));
		if (defaultHeaders.length > 0) {
			builder.headers(defaultHeaders);
		}
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
