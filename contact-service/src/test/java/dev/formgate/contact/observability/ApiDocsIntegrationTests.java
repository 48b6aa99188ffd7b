package dev.formgate.contact.observability;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.ApiDocsContract;

import java.util.List;

/** The service describes its HTTP API: the public form, staff calls with token and role, errors as problems. */
@ContactServiceTest
class ApiDocsIntegrationTests extends ApiDocsContract {

	@Override
	protected List<AdminCall> adminCalls() {
		return List.of(new AdminCall("/api/admin/contact-requests/{id}/state", "put", "contact-agent", "401"));
	}

	@Override
	protected List<PublicCall> publicCalls() {
		return List.of(new PublicCall("/api/contact", "post"));
	}
}
