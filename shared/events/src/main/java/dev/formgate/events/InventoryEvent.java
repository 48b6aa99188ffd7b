package dev.formgate.events;

import java.time.Instant;
import java.util.List;

/**
 * What each store announces at start-up on the compacted {@link Topics#PRIVACY_INVENTORY}, keyed by
 * {@link StoreRegistered#store()}: the personal data it holds. The erasure-service keeps the registry from it: the
 * record of processing (Art. 30) and the list of stores every request waits for.
 */
public sealed interface InventoryEvent {

	/**
	 * @param store the store's stable name, e.g. {@code newsletter-service}
	 * @param answersRequests whether the store answers data-subject requests (the ledger waits for it)
	 * @param categories the personal data it holds
	 * @param legalHolds whether staff can keep the store's data under a legal hold (Art. 17(3)(b), (e)), so that an
	 * erasure may be answered RETAINED; a self-service erasure is then held for the privacy officer's review by default
	 */
	record StoreRegistered(String store, boolean answersRequests, List<Category> categories, Instant occurredAt,
			boolean legalHolds) implements InventoryEvent {

		/** A store without legal holds. */
		public StoreRegistered(String store, boolean answersRequests, List<Category> categories, Instant occurredAt) {
			this(store, answersRequests, categories, occurredAt, false);
		}
	}

	/**
	 * One category of personal data in a store.
	 *
	 * @param collection where it lives (a collection, a log)
	 * @param fields the personal data fields
	 * @param purpose why it is processed (English; the page translates by {@code purposeDe})
	 * @param purposeDe the purpose in German
	 * @param legalBasis Art. 6 basis, e.g. {@code Art. 6(1)(a) GDPR}
	 * @param retention how long it is kept, e.g. {@code P7D until confirmed}
	 * @param recipients who receives it beyond the operator (none, processors)
	 */
	record Category(String collection, List<String> fields, String purpose, String purposeDe, String legalBasis,
			String retention, List<String> recipients) {
	}
}
