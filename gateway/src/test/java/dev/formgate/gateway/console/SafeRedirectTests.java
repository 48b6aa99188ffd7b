package dev.formgate.gateway.console;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** After sign-in the browser goes only to a console page of this origin, given as a relative path. */
class SafeRedirectTests {

	@ParameterizedTest
	@ValueSource(strings = { "/console", "/console/contact-requests", "/console/contact-requests?state=RECEIVED&page=2",
			"/console/privacy-requests/3f1c-22" })
	void keepsConsolePages(String target) {
		assertThat(SafeRedirect.target(target)).isEqualTo(target);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example/console", "//evil.example/console", "/console//evil.example",
			"/\\evil.example", "/console/\\evil.example", "/console/../actuator", "/console/%2e%2e/x", "/console%2f..",
			"/api/admin/inventory", "javascript:alert(1)", "/console/\u202e", "/console\r\nLocation: x", "" })
	void sendsEverythingElseToTheStartPage(String target) {
		assertThat(SafeRedirect.target(target)).isEqualTo("/console");
	}
}
