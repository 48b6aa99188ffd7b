package dev.formgate.contact.privacy;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.InventoryContract;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's inventory keeps the shared contract; contact requests are kept to answer them (Art. 6(1)(b)). */
@ContactServiceTest
class InventoryIntegrationTests extends InventoryContract {

	@Override
	protected String store() {
		return "contact-service";
	}

	@Override
	protected Set<String> collections() {
		return Set.of("contact_requests", "contact_subjects", "acknowledgement_cooldowns", "restrictions",
				"privacy_answers");
	}

	@Override
	protected String codePackage() {
		return "dev.formgate.contact";
	}

	@Test
	void declaresContactRequestsWithTheirBasisRetentionAndFieldsAndKeepsLegalHolds() {
		assertThat(announced().legalHolds()).as("staff can hold a request legally").isTrue();
		assertThat(announced().categories()).filteredOn(c -> c.collection().equals("contact_requests"))
			.singleElement().satisfies(c -> {
				assertThat(c.legalBasis()).isEqualTo("Art. 6(1)(b) GDPR");
				assertThat(c.retention()).contains("90d");
				assertThat(c.fields()).contains("name", "email", "message");
			});
	}
}
