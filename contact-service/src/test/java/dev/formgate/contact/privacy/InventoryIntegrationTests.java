package dev.formgate.contact.privacy;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.testing.Inventories;
import dev.formgate.testing.PrivacyLedger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The store announces its inventory at start, and the inventory names exactly the collections the code writes. */
@ContactServiceTest
class InventoryIntegrationTests {

	@Autowired
	PrivacyLedger ledger;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ApplicationContext context;

	@Test
	void announcesItsInventoryOnStart() {
		var registered = ledger.awaitInventory();

		assertThat(registered.store()).isEqualTo("contact-service");
		assertThat(registered.legalHolds()).as("staff can hold a request legally").isTrue();
		assertThat(registered.categories()).extracting(Category::collection)
			.containsExactlyInAnyOrder("contact_requests", "contact_subjects", "acknowledgement_cooldowns", "restrictions",
					"privacy_answers");
		Inventories.assertEveryCategoryIsComplete(registered);
		assertThat(registered.categories()).filteredOn(c -> c.collection().equals("contact_requests"))
			.singleElement().satisfies(c -> {
				assertThat(c.legalBasis()).isEqualTo("Art. 6(1)(b) GDPR");
				assertThat(c.retention()).contains("90d");
				assertThat(c.fields()).contains("name", "email", "message");
			});
	}

	@Test
	void declaredCollectionsAreTheOnesTheCodeMapsAndTheStoreHolds() {
		Set<String> declared = ledger.awaitInventory().categories().stream().map(Category::collection)
			.collect(Collectors.toSet());

		assertThat(Inventories.writtenCollections(context, "dev.formgate.contact")).isEqualTo(declared);
		assertThat(declared).containsAll(Inventories.heldCollections(mongo));
	}
}
