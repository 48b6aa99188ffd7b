package dev.formgate.newsletter.privacy;

import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.newsletter.support.NewsletterServiceTest;
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
@NewsletterServiceTest
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

		assertThat(registered.store()).isEqualTo("newsletter-service");
		assertThat(registered.legalHolds()).isFalse();
		assertThat(registered.categories()).extracting(Category::collection)
			.containsExactlyInAnyOrder("subscriptions", "suppressions", "confirmation_cooldowns", "restrictions",
					"privacy_answers");
		Inventories.assertEveryCategoryIsComplete(registered);
		assertThat(registered.categories()).filteredOn(c -> c.collection().equals("subscriptions")).singleElement()
			.satisfies(c -> assertThat(c.retention()).contains("7d", "1095d"));
		assertThat(registered.categories()).filteredOn(c -> c.collection().equals("privacy_answers")).singleElement()
			.satisfies(c -> assertThat(c.retention()).isEqualTo("120d"));
	}

	@Test
	void declaredCollectionsAreTheOnesTheCodeMapsAndTheStoreHolds() {
		Set<String> declared = ledger.awaitInventory().categories().stream().map(Category::collection)
			.collect(Collectors.toSet());

		assertThat(Inventories.writtenCollections(context, "dev.formgate.newsletter")).isEqualTo(declared);
		assertThat(declared).containsAll(Inventories.heldCollections(mongo));
	}
}
