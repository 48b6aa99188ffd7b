package dev.formgate.contact.staff;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;
import static org.assertj.core.api.Assertions.assertThat;

/** Only holders of the contact-agent role reach the staff API; the service checks the token itself. */
@ContactServiceTest
class StaffApiSecurityIntegrationTests {

	static final String API = "/api/admin/contact-requests";

	/** Every staff call, on a request id that need not exist: authorisation comes before lookup. */
	static final List<Call> CALLS = List.of(new Call("GET", API, null), new Call("GET", API + "/some-id", null),
			new Call("PUT", API + "/some-id/state", "{\"state\":\"CLOSED\"}"),
			new Call("POST", API + "/some-id/notes", "{\"text\":\"note\"}"),
			new Call("PUT", API + "/some-id/legal-hold", "{\"reason\":\"because\"}"),
			new Call("DELETE", API + "/some-id/legal-hold", null));

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

	StaffApiSecurityIntegrationTests(@LocalServerPort int port) {
		this.http = new Http("http://127.0.0.1:" + port);
	}

	static Stream<Call> calls() {
		return CALLS.stream();
	}

	static Stream<Arguments> forgeries() {
		return AdminTokenFixture.forgeries(AdminRoles.CONTACT_AGENT).entrySet().stream()
			.map(forgery -> Arguments.of(forgery.getKey(), forgery.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("calls")
	void refusesEveryCallWithoutTokenWith401(Call call) {
		var answer = call.by(http);

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("calls")
	void refusesEveryCallWithAnotherRoleWith403(Call call) {
		var answer = call.by(http, "Authorization",
				AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR, AdminRoles.PRIVACY_ADMIN));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgeries")
	void refusesAForgedOrStaleToken(String forgery, String authorization) {
		assertThat(http.get(API, "Authorization", authorization).statusCode()).isEqualTo(401);
	}

	@Test
	void letsAContactAgentWorkWithoutSessionOrCookie() {
		assertThat(http.postJson("/api/contact", json(valid(newAddress()))).statusCode())
			.as("the public form needs no token").isEqualTo(202);

		var answer = http.get(API, "Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"items\":[");
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(http.get(API + "/some-id", "Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT))
			.statusCode()).as("authorised, then looked up").isEqualTo(404);
	}
}
