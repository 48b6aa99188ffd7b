package dev.formgate.testing;

import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's admin API must do, proven on its real context: the service checks the bearer token itself
 * (behind the gateway it trusts no network). Every call is refused without a token ({@code 401} with a Bearer challenge)
 * and with a token lacking the role ({@code 403}), both as problems; a forged or stale token is refused; the role gets
 * through (authorisation before lookup: an id that does not exist is a {@code 404}, or a {@code 410} for data whose period ended, only then; work a
 * call starts, a {@code 202}; a delete may answer {@code 204}) without a session cookie. No other spelling of an admin
 * path (encoded, with a parameter, doubled or trailing slashes, another case) reaches an admin handler without a token,
 * and every answer carries the security headers. Each service runs it as a subclass carrying its test annotation.
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

	/**
	 * The security headers every answer of a service carries, public or admin, refusal or not; and a
	 * {@code Cache-Control} with {@code no-store} (a page may name its own, {@code no-store} alone).
	 */
	public static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff",
			"X-Frame-Options", "DENY", "X-XSS-Protection", "0");

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

	/**
	 * Spring Security guards only the admin paths, so it must take for one every spelling the handler mapping takes
	 * for one. Each spelling without a token is refused: either by the token check ({@code 401}), or because it
	 * reaches no handler at all, which the same spelling with the role's token shows (the same refusal).
	 */
	@TestFactory
	Stream<DynamicTest> refusesEveryOtherSpellingOfAnAdminPathWithoutAToken() {
		return calls().stream().flatMap(call -> spellings(call.path()).stream().map(path -> new Call(call.method(),
				path, call.json()))).map(call -> DynamicTest.dynamicTest(call.toString(), () -> {
			var without = call.by(http());

			assertThat(without.statusCode()).as(without.body()).isBetween(400, 499);
			assertSecurityHeaders(without);
			if (without.statusCode() != 401) {
				var with = call.by(http(), "Authorization", AdminTokenFixture.bearer(role()));
				assertThat(with.statusCode()).as(with.body()).isEqualTo(without.statusCode());
			}
		}));
	}

	/** Spellings of an admin path the canonical-path rule, the security chain or the handler mapping could part on. */
	static List<String> spellings(String pathAndQuery) {
		int q = pathAndQuery.indexOf('?');
		String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
		String query = q < 0 ? "" : pathAndQuery.substring(q);
		String rest = path.substring("/api/admin/".length());
		List<String> spellings = new ArrayList<>(List.of("/API/admin/" + rest, "/api/Admin/" + rest,
				"/api/admin/" + rest.toUpperCase(Locale.ROOT), "/api/%61dmin/" + rest, "/api/admin/%2e%2e/admin/" + rest,
				"/api/admin/x/%2e%2e/" + rest, "/api/admin/x/../" + rest, "/api%2Fadmin/" + rest,
				"/api/admin%2F" + rest, "/api/admin/" + rest.replace("/", "%2F"), "/api//admin/" + rest,
				"//api/admin/" + rest, "/api/admin//" + rest, "/api/admin/" + rest + "/",
				"/api/admin/" + rest + ";jsessionid=1", "/api;jsessionid=1/admin/" + rest,
				"/api/admin;x=1/" + rest, "/api/admin/" + rest + ".", "/api/admin/./" + rest));
		return spellings.stream().map(spelling -> spelling + query).toList();
	}

	@TestFactory
	Stream<DynamicTest> everyAnswerCarriesTheSecurityHeaders() {
		return calls().stream().map(call -> DynamicTest.dynamicTest(call.toString(), () -> {
			assertSecurityHeaders(call.by(http()));
			assertSecurityHeaders(call.by(http(), "Authorization", AdminTokenFixture.bearer(role())));
		}));
	}

	/** That an answer carries {@link #SECURITY_HEADERS}, each once, and one {@code Cache-Control} with no-store. */
	public static void assertSecurityHeaders(HttpResponse<?> answer) {
		SECURITY_HEADERS.forEach((name, value) -> assertThat(answer.headers().allValues(name)).as(name)
			.containsExactly(value));
		assertThat(answer.headers().allValues("Cache-Control")).as("Cache-Control")
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("no-store");
	}

	@TestFactory
	Stream<DynamicTest> refusesAForgedOrStaleToken() {
		Call call = calls().getFirst();
		return AdminTokenFixture.forgeries(role()).entrySet().stream()
			.map(forgery -> DynamicTest.dynamicTest(forgery.getKey(), () -> assertThat(
					call.by(http(), "Authorization", forgery.getValue()).statusCode()).isEqualTo(401)));
	}
}
