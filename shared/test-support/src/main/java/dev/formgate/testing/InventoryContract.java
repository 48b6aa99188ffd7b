package dev.formgate.testing;

import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store's inventory must be, proven on its real context and broker: announced on {@code privacy.inventory}
 * at start under the store's name, each category complete (what, why in English and German, Art. 6 basis, how long,
 * to whom), and naming exactly the collections the code writes, which cover everything the store holds. Each store runs
 * it as a subclass carrying its test annotation, and adds what it declares about particular categories.
 */
public abstract class InventoryContract {

	@Autowired
	PrivacyLedger ledger;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ApplicationContext context;

	protected abstract String store();

	/** The collections the store declares. */
	protected abstract Set<String> collections();

	/** Where the store's code is, e.g. {@code dev.formgate.contact}. */
	protected abstract String codePackage();

	/**
	 * Collections the store's code writes that hold nothing about a person (newsletter campaigns: what editors wrote,
	 * the counts of sending), so they are not in its inventory; none by default.
	 */
	protected Set<String> withoutPersonalData() {
		return Set.of();
	}

	/** The store's announcement, as the registry receives it. */
	protected StoreRegistered announced() {
		return ledger.awaitInventory();
	}

	@Test
	void announcesItsCompleteInventoryOnStart() {
		var registered = announced();

		assertThat(registered.store()).isEqualTo(store());
		// A collection may hold more than one category (a comment and the address for its notice), each declared.
		assertThat(registered.categories().stream().map(Category::collection).collect(Collectors.toSet()))
			.isEqualTo(collections());
		Inventories.assertEveryCategoryIsComplete(registered);
	}

	@Test
	void declaredCollectionsAreTheOnesTheCodeWritesAndTheStoreHolds() {
		Set<String> declared = announced().categories().stream().map(Category::collection)
			.collect(Collectors.toSet());

		Set<String> written = new HashSet<>(Inventories.writtenCollections(context, codePackage()));
		assertThat(written).containsAll(withoutPersonalData());
		written.removeAll(withoutPersonalData());
		assertThat(written).isEqualTo(declared);
		Set<String> held = new HashSet<>(Inventories.heldCollections(mongo));
		held.removeAll(withoutPersonalData());
		assertThat(declared).containsAll(held);
	}
}
