package dev.formgate.gateway.console;

import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The console's way to the data: the admin API, with the signed-in person's access token (renewed with the refresh
 * token when it runs out). By default it calls this gateway itself, so a console action passes the same route, role
 * check, audit and circuit breaker as any API user's call.
 */
@Component
@Conditional(ConsoleEnabled.class)
class AdminApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebClient client;
	private final ConsoleProperties properties;
	private final Environment environment;

	AdminApi(ReactiveOAuth2AuthorizedClientManager clients, ConsoleProperties properties, Environment environment) {
		var oauth = new ServerOAuth2AuthorizedClientExchangeFilterFunction(clients);
		oauth.setDefaultClientRegistrationId(ProviderRegistration.ID);
		this.client = WebClient.builder().filter(oauth).build();
		this.properties = properties;
		this.environment = environment;
	}

	/** A problem the API answered with: its status and the fields it named. */
	static final class Refused extends RuntimeException {

		final HttpStatusCode status;
		final List<String> fields;
		final String type;

		Refused(HttpStatusCode status, String type, List<String> fields) {
			super("admin API refused: " + status.value(), null, false, false);
			this.status = status;
			this.type = type;
			this.fields = fields;
		}
	}

	/** The person's tokens could not be renewed (the provider ended the session): they must sign in again. */
	static final class SignInAgain extends RuntimeException {

		SignInAgain() {
			super("sign in again", null, false, false);
		}
	}

	Mono<JsonNode> get(Function<UriBuilder, URI> uri) {
		return exchange(HttpMethod.GET, uri, null).map(answer -> answer.getBody() == null ? JSON.nullNode()
				: answer.getBody());
	}

	Mono<ResponseEntity<byte[]>> download(Function<UriBuilder, URI> uri) {
		return client.get().uri(base(uri)).accept(MediaType.APPLICATION_JSON).retrieve().toEntity(byte[].class)
			.timeout(Duration.ofSeconds(20)).onErrorMap(AdminApi::translate);
	}

	Mono<ResponseEntity<JsonNode>> send(HttpMethod method, Function<UriBuilder, URI> uri, Object body) {
		return exchange(method, uri, body);
	}

	private Mono<ResponseEntity<JsonNode>> exchange(HttpMethod method, Function<UriBuilder, URI> uri, Object body) {
		var request = client.method(method).uri(base(uri)).accept(MediaType.APPLICATION_JSON);
		var spec = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		return spec.retrieve().toEntity(JsonNode.class).timeout(Duration.ofSeconds(20)).onErrorMap(AdminApi::translate);
	}

	private Function<UriBuilder, URI> base(Function<UriBuilder, URI> uri) {
		URI base = properties.apiBaseUrl() != null ? properties.apiBaseUrl()
				: URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port", "8080"));
		return builder -> uri.apply(builder.scheme(base.getScheme()).host(base.getHost()).port(base.getPort()));
	}

	private static Throwable translate(Throwable error) {
		if (error instanceof ClientAuthorizationException) {
			return new SignInAgain();
		}
		if (error instanceof WebClientResponseException response) {
			if (response.getStatusCode().value() == 401) {
				return new SignInAgain();
			}
			List<String> fields = new ArrayList<>();
			String type = "";
			try {
				JsonNode problem = JSON.readTree(response.getResponseBodyAsByteArray());
				type = problem.path("type").asString("");
				for (JsonNode field : problem.path("errors")) {
					fields.add(field.path("field").asString("") + ":" + field.path("code").asString(""));
				}
			}
			catch (RuntimeException unreadable) {
				// a problem without a readable body: the status says enough
			}
			return new Refused(response.getStatusCode(), type, fields);
		}
		return error;
	}
}
