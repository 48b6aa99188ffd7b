package dev.formgate.newsletter.admin;

import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.AdminApiSecurityContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Only newsletter editors reach the admin API; the service checks the token itself (the shared contract). */
@NewsletterServiceTest
class AdminApiSecurityIntegrationTests extends AdminApiSecurityContract {

	static final String UNSUBSCRIPTIONS = "/api/admin/newsletter/unsubscriptions";
	static final String BODY = "{\"email\":\"nobody@example.org\"}";

	@LocalServerPort
	int port;

	@Override
	protected String role() {
		return AdminRoles.NEWSLETTER_EDITOR;
	}

	@Override
	protected List<Call> calls() {
		return List.of(new Call("POST", UNSUBSCRIPTIONS, BODY),
				new Call("POST", "/api/admin/newsletter/subscriptions",
						"{\"email\":\"added-by-an-editor@example.org\"}"),
				new Call("GET", "/api/admin/newsletter/lists?from=2026-01-01&to=2026-01-31", null));
	}

	@Test
	void anEditorUnsubscribesWithoutSessionOrCookie() {
		var answer = new Http("http://127.0.0.1:" + port).postJson(UNSUBSCRIPTIONS, BODY, "Authorization",
				AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("{\"unsubscribed\":0}");
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
	}
}
