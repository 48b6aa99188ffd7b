package dev.formgate.erasure;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.Http;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Only holders of the privacy-admin role reach the ledger and the registry; the service checks the token itself. */
@ErasureServiceTest
class SecurityIntegrationTests {

	static final String API = "/api/admin/privacy-requests";
	static final String ID = "/5f0c6a53-0000-4000-8000-000000000000";

	/** Every call, on a request id that need not exist: authorisation comes before lookup. */
	static final List<Call> CALLS = List.of(new Call("GET", "/api/admin/inventory", null), new Call("GET", API, null),
			new Call("POST", API, "{\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"receivedVia\":\"EMAIL\"}"),
			new Call("GET", API + ID, null), new Call("POST", API + ID + "/extension", "{\"months\":1,\"reason\":\"x\"}"),
			new Call("POST", API + ID + "/cancellation", "{\"reason\":\"x\"}"), new Call("GET", API + ID + "/receipt", null),
			new Call("GET", API + ID + "/export", null));

	record Call(String method, String path, String json) {

		HttpResponse<String> by(Http http, String... headers) {
			return http.send(method, path, json, headers);
		}

		@Override
		public String toString() {
			return method + " " + path;
		}
	}

	final Http http;

	SecurityIntegrationTests(@LocalServerPort int port) {
		this.http = new Http("http://127.0.0.1:" + port);
	}

	static Stream<Call> calls() {
		return CALLS.stream();
	}

	static Stream<Arguments> forgeries() {
		return AdminTokenFixture.forgeries(AdminRoles.PRIVACY_ADMIN).entrySet().stream()
			.map(forgery -> Arguments.of(forgery.getKey(), forgery.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("calls")
	void refusesEveryCallWithoutTokenWith401(Call call) {
		var answer = call.by(http);

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("calls")
	void refusesEveryCallWithOtherRolesWith403(Call call) {
		var answer = call.by(http, "Authorization",
				AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR, AdminRoles.CONTACT_AGENT));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("calls")
	void letsAPrivacyAdminThrough(Call call) {
		var answer = call.by(http, "Authorization", AdminTokenFixture.bearer(AdminRoles.PRIVACY_ADMIN));

		assertThat(answer.statusCode()).isIn(200, 201, 404);
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgeries")
	void refusesAForgedOrStaleToken(String forgery, String authorization) {
		assertThat(http.get(API, "Authorization", authorization).statusCode()).isEqualTo(401);
	}
}
