package dev.formgate.contact.staff;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.AdminApiSecurityContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;
import static org.assertj.core.api.Assertions.assertThat;

/** Only holders of the contact-agent role reach the staff API; the service checks the token itself. */
@ContactServiceTest
class StaffApiSecurityIntegrationTests extends AdminApiSecurityContract {

	static final String API = "/api/admin/contact-requests";

	@Override
	protected String role() {
		return AdminRoles.CONTACT_AGENT;
	}

	/** Every staff call, on a request id that need not exist: authorisation comes before lookup. */
	@Override
	protected List<Call> calls() {
		return List.of(new Call("GET", API, null), new Call("GET", API + "/some-id", null),
				new Call("PUT", API + "/some-id/state", "{\"state\":\"CLOSED\"}"),
				new Call("POST", API + "/some-id/notes", "{\"text\":\"note\"}"),
				new Call("PUT", API + "/some-id/legal-hold", "{\"reason\":\"because\"}"),
				new Call("DELETE", API + "/some-id/legal-hold", null));
	}

	@Test
	void letsAContactAgentWorkWithoutSessionOrCookie() {
		assertThat(http().postJson("/api/contact", json(valid(newAddress()))).statusCode())
			.as("the public form needs no token").isEqualTo(202);

		var answer = http().get(API, "Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"items\":[");
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(http().get(API + "/some-id", "Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT))
			.statusCode()).as("authorised, then looked up").isEqualTo(404);
	}
}
