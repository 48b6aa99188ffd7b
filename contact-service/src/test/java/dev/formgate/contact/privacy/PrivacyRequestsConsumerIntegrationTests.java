package dev.formgate.contact.privacy;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.PrivacyRequestsConsumerContract;

/** contact-service's {@code privacy.requests} consumer keeps the shared contract. */
@ContactServiceTest
class PrivacyRequestsConsumerIntegrationTests extends PrivacyRequestsConsumerContract {

	@Override
	protected String store() {
		return "contact-service";
	}

	@Override
	protected String deadLettersPath() {
		return "/api/admin/contact/dead-letters";
	}
}
