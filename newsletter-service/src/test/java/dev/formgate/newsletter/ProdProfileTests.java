package dev.formgate.newsletter;

import dev.formgate.testing.ProdProfileContract;

import java.util.List;
import java.util.Map;

/** The prod profile has no default credentials (the shared contract), the unsubscribe links' key among them. */
class ProdProfileTests extends ProdProfileContract {

	@Override
	protected Class<?> application() {
		return NewsletterApplication.class;
	}

	@Override
	protected String database() {
		return "formgate-newsletter";
	}

	@Override
	protected List<Setting> serviceSettings() {
		return List.of(new Setting("FORMGATE_NEWSLETTER_LINK_SECRET", "a-link-secret-of-at-least-32-bytes-long",
				"formgate.newsletter.linkSecret", true));
	}

	@Override
	protected Map<String, String> given() {
		return Map.of("SMTP_HOST", "127.0.0.1");
	}
}
