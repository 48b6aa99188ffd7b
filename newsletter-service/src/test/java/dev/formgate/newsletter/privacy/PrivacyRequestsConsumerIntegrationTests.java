package dev.formgate.newsletter.privacy;

import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.testing.PrivacyRequestsConsumerContract;

/** newsletter-service's {@code privacy.requests} consumer keeps the shared contract. */
@NewsletterServiceTest
class PrivacyRequestsConsumerIntegrationTests extends PrivacyRequestsConsumerContract {

	@Override
	protected String store() {
		return "newsletter-service";
	}

	@Override
	protected String deadLettersPath() {
		return "/api/admin/newsletter/dead-letters";
	}
}
