package dev.formgate.newsletter.privacy;

import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.testing.InventoryContract;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's inventory keeps the shared contract and quotes the retention settings that enforce it. */
@NewsletterServiceTest
class InventoryIntegrationTests extends InventoryContract {

	@Override
	protected String store() {
		return "newsletter-service";
	}

	@Override
	protected Set<String> collections() {
		return Set.of("subscriptions", "suppressions", "confirmation_cooldowns", "restrictions", "campaign_deliveries",
				"campaign_slices", "privacy_answers");
	}

	/** What editors wrote and the counts of sending: no person in them (docs/privacy.md, "Campaigns"). */
	@Override
	protected Set<String> withoutPersonalData() {
		return Set.of("campaigns", "campaign_progress");
	}

	@Override
	protected String codePackage() {
		return "dev.formgate.newsletter";
	}

	@Test
	void quotesTheRetentionSettingsAndKeepsNoLegalHolds() {
		var registered = announced();

		assertThat(registered.legalHolds()).as("nothing here is held legally").isFalse();
		assertThat(registered.categories()).filteredOn(c -> c.collection().equals("subscriptions")).singleElement()
			.satisfies(c -> assertThat(c.retention()).contains("7d", "1095d"));
		assertThat(registered.categories()).filteredOn(c -> c.collection().equals("privacy_answers")).singleElement()
			.satisfies(c -> assertThat(c.retention()).isEqualTo("120d"));
	}
}
