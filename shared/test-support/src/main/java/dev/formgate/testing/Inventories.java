package dev.formgate.testing;

import dev.formgate.consumer.DeadLetters;
import dev.formgate.consumer.ProcessedEvents;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import dev.formgate.lease.Leases;
import dev.formgate.mail.InboxCooldowns;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a store's code really writes, to hold its declared inventory against. */
public final class Inventories {

	private Inventories() {
	}

	/**
	 * Collections every consuming service has that hold no personal data (consumed event ids, dead-letter replay
	 * markers, leases of jobs held by instance names), so they are not in its inventory.
	 */
	public static final Set<String> WITHOUT_PERSONAL_DATA = Set.of(ProcessedEvents.COLLECTION, DeadLetters.COLLECTION,
			Leases.COLLECTION);

	/** The collections the store holds, less those without personal data. */
	public static Set<String> heldCollections(MongoTemplate mongo) {
		Set<String> held = new HashSet<>(mongo.getCollectionNames());
		held.removeAll(WITHOUT_PERSONAL_DATA);
		return held;
	}

	/**
	 * The collections the service's code writes: those of {@link #mappedCollections} and those of its
	 * {@link InboxCooldowns}, which are named per service.
	 */
	public static Set<String> writtenCollections(ApplicationContext context, String... packages) {
		Set<String> written = new HashSet<>(mappedCollections(context.getBean(MongoTemplate.class), packages));
		context.getBeansOfType(InboxCooldowns.class).values().forEach(c -> written.add(c.collection()));
		return written;
	}

	/** The collections of every {@code @Document} class in these packages and the shared privacy toolkit's. */
	public static Set<String> mappedCollections(MongoTemplate mongo, String... packages) {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Document.class));
		return Stream.concat(Stream.of(packages), Stream.of("dev.formgate.privacy"))
			.flatMap(p -> scanner.findCandidateComponents(p).stream())
			.map(bean -> mongo.getCollectionName(load(bean.getBeanClassName()))).collect(Collectors.toSet());
	}

	/** Every category says what, why (in English and German), on which Art. 6 basis, how long and to whom. */
	public static void assertEveryCategoryIsComplete(StoreRegistered registered) {
		assertThat(registered.answersRequests()).isTrue();
		assertThat(registered.categories()).isNotEmpty().allSatisfy(c -> {
			assertThat(c.fields()).isNotEmpty();
			assertThat(c.purpose()).isNotBlank();
			assertThat(c.purposeDe()).isNotBlank();
			assertThat(c.legalBasis()).startsWith("Art. 6(1)");
			assertThat(c.retention()).isNotBlank().doesNotContain("${");
			assertThat(c.recipients()).isNotEmpty();
		});
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException e) {
			throw new IllegalStateException(e);
		}
	}
}
