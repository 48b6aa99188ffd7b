package dev.formgate.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule every gateway check relies on: a path that passes has exactly one spelling. */
class CanonicalPathsTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/en", "/api/newsletter/subscriptions", "/api/contact", "/newsletter/unsubscribe",
			"/assets/altcha/altcha.js", "/api/admin/contact-requests/6650c0ffee/notes", "/actuator/health/readiness",
			"/api/admin/newsletter/dead-letters/newsletter.events/0/17/replay", "/newsletter/alice@example.org" })
	void acceptsPathsWithOneSpelling(String path) {
		assertThat(CanonicalPaths.isCanonical(path)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/newsletter/%73ubscriptions", "/api/%6eewsletter/subscriptions", "/api/contac%74",
			"/%61pi/contact", "/api/contact%2F", "/api%2Fcontact", "/api/contact%00", "/api/contact%20",
			"/api/%2e%2e/contact", "/api/contact;jsessionid=x", "/api;x=1/contact", "//api/contact", "/api//contact",
			"/api/contact/", "/api/./contact", "/api/x/../contact", "/..", "/.", "/api/contact\\", "api/contact", "",
			"/api/contact%", "/api/conta%63t", "/newsletter/alice%40example.org" })
	void refusesEveryOtherSpelling(String path) {
		assertThat(CanonicalPaths.isCanonical(path)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 2049, 100_000 })
	void refusesPathsLongerThanAnyRoute(int length) {
		assertThat(CanonicalPaths.isCanonical("/" + "a".repeat(length))).isFalse();
	}

	/**
	 * The rule as it was first written, a regular expression and a split, against the one-pass check: the same answer
	 * for 200,000 paths drawn from the characters that matter (every allowed class, {@code /}, {@code .}, {@code %},
	 * {@code ;}, a space, a backslash, a non-ASCII letter).
	 */
	@Test
	void answersAsTheRegularExpressionDid() {
		Pattern rule = Pattern.compile("/|(/[A-Za-z0-9._~!$&'()*+,=:@-]+)+");
		String alphabet = "//////....aZ09_~!$&'()*+,=:@-%;? \\é#";
		Random random = new Random(15);
		for (int i = 0; i < 200_000; i++) {
			char[] path = new char[random.nextInt(12)];
			for (int j = 0; j < path.length; j++) {
				path[j] = alphabet.charAt(random.nextInt(alphabet.length()));
			}
			String candidate = (random.nextInt(8) == 0 ? "" : "/") + new String(path);
			boolean expected = rule.matcher(candidate).matches()
					&& Arrays.stream(candidate.split("/")).noneMatch(s -> s.equals(".") || s.equals(".."));
			assertThat(CanonicalPaths.isCanonical(candidate)).as(candidate).isEqualTo(expected);
		}
	}
}
