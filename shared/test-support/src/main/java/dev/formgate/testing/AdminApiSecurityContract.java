package dev.formgate.testing;

import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's admin API must do, proven on its real context: the service checks the bearer token itself
 * (behind the gateway it trusts no network). Every call is refused without a token ({@code 401} with a Bearer challenge)
 * and with a token lacking the role ({@code 403}), both as problems; a forged or stale token is refused; the role gets
 * through (authorisation before lookup: an id that does not exist is a {@code 404}, or a {@code 410} for data whose period ended, only then; work a
 * call starts, a {@code 202}; a delete may answer {@code 204}) without a session cookie.
 * Each service runs it as a subclass carrying its test annotation.
 */
public abstract class AdminApiSecurityContract {

	/** One admin call; the body (JSON) may be null. */
	public record Call(String method, String path, String json) {

		HttpResponse<String> by(Http http, String... headers) {
			return http.send(method, path, json, headers);
		}

		@Override
		public String toString() {
			return method + " " + path;
		}
	}

	@LocalServerPort
	int port;

	/** The role the calls need. */
	protected abstract String role();

	/** Every admin call of the service, on ids that need not exist. */
	protected abstract List<Call> calls();

	protected Http http() {
		return new Http("http://127.0.0.1:" + port);
	}

	@TestFactory
	Stream<DynamicTest> refusesEveryCallWithoutTokenWith401() {
		return calls().stream().map(call -> DynamicTest.dynamicTest(call.toString(), () -> {
			var answer = call.by(http());

			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}));
	}

	@TestFactory
	Stream<DynamicTest> refusesEveryCallWithOtherRolesWith403() {
		Set<String> others = new TreeSet<>(AdminRoles.ALL);
		others.remove(role());
		return calls().stream().map(call -> DynamicTest.dynamicTest(call.toString(), () -> {
			var answer = call.by(http(), "Authorization", AdminTokenFixture.bearer(others.toArray(String[]::new)));

			assertThat(answer.statusCode()).isEqualTo(403);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}));
	}

	@TestFactory
	Stream<DynamicTest> letsTheRoleThroughWithoutASessionCookie() {
		return calls().stream().map(call -> DynamicTest.dynamicTest(call.toString(), () -> {
			var answer = call.by(http(), "Authorization", AdminTokenFixture.bearer(role()));

			assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201, 202, 204, 404, 410);
			assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
		}));
	}

	@TestFactory
	Stream<DynamicTest> refusesAForgedOrStaleToken() {
		Call call = calls().getFirst();
		return AdminTokenFixture.forgeries(role()).entrySet().stream()
			.map(forgery -> DynamicTest.dynamicTest(forgery.getKey(), () -> assertThat(
					call.by(http(), "Authorization", forgery.getValue()).statusCode()).isEqualTo(401)));
	}
}
