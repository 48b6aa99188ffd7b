package dev.formgate.erasure.registry;

import dev.formgate.events.InventoryEvent.Category;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/** One store as it last announced itself on {@code privacy.inventory}. */
@Document("registered_stores")
record RegisteredStore(@Id String store, boolean answersRequests, List<Category> categories, Instant announcedAt,
		Instant firstRegisteredAt, boolean legalHolds) {
}
