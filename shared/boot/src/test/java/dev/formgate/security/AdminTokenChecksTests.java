package dev.formgate.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenChecksTests {

	static final AdminTokenProperties PROPERTIES = new AdminTokenProperties("https://login.example.org", "formgate",
			null, null, List.of("RS256"), Duration.ofSeconds(30));

	static Stream<Arguments> roles() {
		return Stream.of(Arguments.of("a list of strings", List.of("privacy-admin", "contact-agent"), true),
				Arguments.of("an empty list", List.of(), true), Arguments.of("no roles at all", null, true),
				Arguments.of("a string", "privacy-admin", false),
				Arguments.of("an object", Map.of("privacy-admin", true), false),
				Arguments.of("a list with a number", List.of("privacy-admin", 1), false));
	}

	@ParameterizedTest(name = "roles as {0}")
	@MethodSource("roles")
	void acceptsRolesOnlyAsAListOfStrings(String name, Object roles, boolean valid) {
		var token = Jwt.withTokenValue("token").header("alg", "RS256").issuer("https://login.example.org")
			.audience(List.of("formgate")).subject("staff").issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
		if (roles != null) {
			token.claim(AdminRoles.CLAIM, roles);
		}

		assertThat(AdminTokenChecks.validator(PROPERTIES).validate(token.build()).hasErrors()).isEqualTo(!valid);
	}
}
