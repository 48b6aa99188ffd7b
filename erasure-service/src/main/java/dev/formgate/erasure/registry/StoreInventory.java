package dev.formgate.erasure.registry;

import dev.formgate.events.InventoryEvent.Category;

import java.time.Instant;
import java.util.List;

/**
 * What the registry knows of one store.
 *
 * @param answersRequests whether every data-subject request waits for the store's answer
 * @param announcedAt when the store last announced its inventory
 * @param legalHolds whether staff can keep the store's data under a legal hold
 */
public record StoreInventory(String store, boolean answersRequests, List<Category> categories, Instant announcedAt,
		boolean legalHolds) {

	static StoreInventory of(RegisteredStore s) {
		return new StoreInventory(s.store(), s.answersRequests(), s.categories(), s.announcedAt(), s.legalHolds());
	}
}
