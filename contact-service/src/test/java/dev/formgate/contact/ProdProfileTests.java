package dev.formgate.contact;

import dev.formgate.testing.ProdProfileContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prod profile has no default credentials (the shared contract), the sender of its mails among them, and no
 * default staff inboxes.
 */
class ProdProfileTests extends ProdProfileContract {

	@Override
	protected Class<?> application() {
		return ContactApplication.class;
	}

	@Override
	protected String database() {
		return "formgate-contact";
	}

	@Override
	protected List<Setting> serviceSettings() {
		return List.of(new Setting("FORMGATE_CONTACT_MAIL_FROM", "Kontakt <kontakt@example.org>",
				"formgate.contact.mail.from", false));
	}

	@Override
	protected Map<String, String> given() {
		return Map.of("SMTP_HOST", "127.0.0.1", "formgate.contact.topics.buergerservice.inbox",
				"buergerservice@example.org", "formgate.contact.topics.buergerservice.de", "Bürgerservice",
				"formgate.contact.topics.buergerservice.en", "Citizen services");
	}

	@Test
	void refusesToStartWithoutStaffInboxes() {
		assertThatThrownBy(() -> startProd(without("formgate.contact.topics.buergerservice.inbox",
				"formgate.contact.topics.buergerservice.de", "formgate.contact.topics.buergerservice.en")))
			.hasStackTraceContaining("formgate.contact.topics");
	}
}
