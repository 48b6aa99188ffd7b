package dev.formgate.identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider as a relying party meets it: discovery, sign-in, code with PKCE, tokens with roles and audience. */
class IdentityProviderIntegrationTests {

	static final String REDIRECT = "http://localhost:1/login/oauth2/code/formgate";
	static IdentityProvider provider;
	static String base;

	@BeforeAll
	static void start() throws Exception {
		int port;
		try (var socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		base = "http://localhost:" + port;
		provider = IdentityProvider.start(new IdentityProvider.Settings(port, base, keys, "formgate",
				List.of(new IdentityProvider.User("agent", "secret-of-agent", "Agent A", List.of("contact-agent"))),
				List.of(new IdentityProvider.Client("console", "client-secret", REDIRECT, "http://localhost:1/")),
				Duration.ofMinutes(5)));
	}

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Test
	void publishesItsIssuerPkceAndLogoutInDiscovery() throws Exception {
		JsonNode metadata = json(HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create(base + "/.well-known/openid-configuration")).build(),
				HttpResponse.BodyHandlers.ofString()).body());
		assertThat(metadata.get("issuer").asString()).isEqualTo(base);
		assertThat(metadata.get("end_session_endpoint").asString()).isEqualTo(base + "/connect/logout");
		assertThat(metadata.get("code_challenge_methods_supported").toString()).contains("S256");
	}

	@Test
	void issuesAccessTokensWithRolesAndAudienceAfterSignInWithPkce() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String verifier = "verifier-" + "x".repeat(50);
		String challenge = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String authorize = base + "/oauth2/authorize?response_type=code&client_id=console&scope=openid%20profile"
				+ "&state=s1&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + challenge
				+ "&code_challenge_method=S256";
		var first = browser.send(get(authorize), HttpResponse.BodyHandlers.ofString());
		assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
		var page = browser.send(get(base + "/login"), HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).contains("<label for=\"username\"").contains("lang=\"de\"");
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		var signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=agent&password=secret-of-agent&_csrf="
					+ enc(csrf.group(1))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		var code = browser.send(get(authorize), HttpResponse.BodyHandlers.ofString());
		String location = code.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT + "?code=");
		String authorizationCode = location.replaceAll(".*code=([^&]+).*", "$1");

		var tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("console:client-secret".getBytes()))
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + authorizationCode
					+ "&redirect_uri=" + enc(REDIRECT) + "&code_verifier=" + verifier))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tokens.statusCode()).isEqualTo(200);
		JsonNode body = json(tokens.body());
		JsonNode access = claims(body.get("access_token").asString());
		assertThat(access.get("iss").asString()).isEqualTo(base);
		assertThat(access.get("aud").toString()).contains("formgate");
		assertThat(access.get("roles").toString()).isEqualTo("[\"contact-agent\"]");
		assertThat(claims(body.get("id_token").asString()).get("name").asString()).isEqualTo("Agent A");
		assertThat(body.get("refresh_token")).isNotNull();
	}

	@Test
	void refusesACodeRequestWithoutPkce() throws Exception {
		var answer = HttpClient.newHttpClient().send(get(base + "/oauth2/authorize?response_type=code&client_id=console"
				+ "&scope=openid&state=s&redirect_uri=" + enc(REDIRECT)), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
				l -> assertThat(l).startsWith(REDIRECT).contains("error=invalid_request"));
	}

	private static HttpRequest get(String uri) {
		return HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html").build();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static JsonNode claims(String jwt) {
		return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
	}

	private static JsonNode json(String text) {
		return JsonMapper.builder().build().readTree(text);
	}
}
