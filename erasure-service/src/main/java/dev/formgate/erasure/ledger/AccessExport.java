package dev.formgate.erasure.ledger;

import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.events.OutcomeEvent.Outcome;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Art. 15/20: everything the stores hold about the subject in one machine-readable document, each store's data
 * beside what the registry says about it (purposes, legal bases, retention, recipients).
 */
public record AccessExport(String requestId, Instant generatedAt, List<StoreExport> stores) {

	/**
	 * @param data the store's data as it sent it (JSON), null if it sent none
	 * @param problem why there is no data although the store exported some (it could not be opened or read)
	 */
	public record StoreExport(String store, Outcome outcome, String reason, List<Category> categories, JsonNode data,
			String problem) {
	}
}
