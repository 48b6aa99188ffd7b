package dev.formgate.newsletter.privacy;

import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.privacy.PrivacyAnswers;
import dev.formgate.testing.PrivacyLedger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The store announces its inventory at start, and the inventory names exactly the collections the code writes. */
@NewsletterServiceTest
class InventoryIntegrationTests {

	@Autowired
	PrivacyLedger ledger;

	@Autowired
	MongoTemplate mongo;

	@Test
	void announcesItsInventoryOnStart() {
		var registered = ledger.awaitInventory();

		assertThat(registered.store()).isEqualTo("newsletter-service");
		assertThat(registered.answersRequests()).isTrue();
		assertThat(registered.categories()).extracting(Category::collection)
			.containsExactlyInAnyOrder("subscriptions", "suppressions", "restrictions", "privacy_answers");
		assertThat(registered.categories()).allSatisfy(c -> {
			assertThat(c.fields()).isNotEmpty();
			assertThat(c.purpose()).isNotBlank();
			assertThat(c.purposeDe()).isNotBlank();
			assertThat(c.legalBasis()).startsWith("Art. 6(1)");
			assertThat(c.retention()).isNotBlank().doesNotContain("${");
			assertThat(c.recipients()).isNotEmpty();
		});
		assertThat(registered.categories()).filteredOn(c -> c.collection().equals("subscriptions")).singleElement()
			.satisfies(c -> assertThat(c.retention()).contains("7d", "1095d"));
		assertThat(registered.categories()).filteredOn(c -> c.collection().equals("privacy_answers")).singleElement()
			.satisfies(c -> assertThat(c.retention()).isEqualTo("120d"));
	}

	@Test
	void declaredCollectionsAreTheOnesTheCodeMapsAndTheStoreHolds() {
		Set<String> declared = ledger.awaitInventory().categories().stream().map(Category::collection)
			.collect(Collectors.toSet());
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Document.class));
		Set<String> mapped = Stream.of("dev.formgate.newsletter", PrivacyAnswers.class.getPackageName())
			.flatMap(p -> scanner.findCandidateComponents(p).stream())
			.map(bean -> mongo.getCollectionName(classOf(bean.getBeanClassName()))).collect(Collectors.toSet());

		assertThat(mapped).isEqualTo(declared);
		assertThat(declared).containsAll(mongo.getCollectionNames());
	}

	static Class<?> classOf(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException e) {
			throw new IllegalStateException(e);
		}
	}
}
