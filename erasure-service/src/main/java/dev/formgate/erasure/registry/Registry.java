package dev.formgate.erasure.registry;

import dev.formgate.events.InventoryEvent.StoreRegistered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Keeps the stores' announcements: one document per store, replaced by each newer announcement. */
@Service
public class Registry {

	private static final Logger log = LoggerFactory.getLogger(Registry.class);
	private static final Pattern STORE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

	private final MongoTemplate mongo;
	private final ApplicationEventPublisher events;

	Registry(MongoTemplate mongo, ApplicationEventPublisher events) {
		this.mongo = mongo;
		this.events = events;
	}

	/**
	 * Stores the announcement unless a newer one is stored already (the same one again changes nothing), then tells
	 * listeners. A listener's failure propagates, so Kafka redelivers the announcement.
	 */
	public void register(StoreRegistered announcement) {
		if (announcement.store() == null || !STORE_NAME.matcher(announcement.store()).matches()
				|| announcement.occurredAt() == null) {
			log.warn("Ignored an inventory announcement without a valid store name or time");
			return;
		}
		RegisteredStore current = mongo.findById(announcement.store(), RegisteredStore.class);
		if (current == null || !current.announcedAt().isAfter(announcement.occurredAt())) {
			if (current == null) {
				log.info("Store {} registered (answers requests: {})", announcement.store(),
						announcement.answersRequests());
			}
			current = new RegisteredStore(announcement.store(), announcement.answersRequests(),
					announcement.categories() == null ? List.of() : List.copyOf(announcement.categories()),
					announcement.occurredAt(), current == null ? announcement.occurredAt() : current.firstRegisteredAt(),
					announcement.legalHolds());
			mongo.save(current);
		}
		events.publishEvent(new StoreAnnounced(current.store(), current.answersRequests()));
	}

	/** Every store, by name. */
	public List<StoreInventory> all() {
		return mongo.find(new Query().with(Sort.by("_id")), RegisteredStore.class).stream().map(StoreInventory::of)
			.toList();
	}

	/** The stores every new request waits for. */
	public List<String> answeringStores() {
		return mongo.find(query(where("answersRequests").is(true)).with(Sort.by("_id")), RegisteredStore.class)
			.stream().map(RegisteredStore::store).toList();
	}

	/**
	 * The stores that answer requests and can keep data under a legal hold, so that an erasure may be answered
	 * RETAINED: where such a store is registered, a legal hold might apply to an erasure.
	 */
	public List<String> storesWithLegalHolds() {
		return mongo.find(query(where("answersRequests").is(true).and("legalHolds").is(true)).with(Sort.by("_id")),
				RegisteredStore.class).stream().map(RegisteredStore::store).toList();
	}

	public Optional<StoreInventory> find(String store) {
		return Optional.ofNullable(mongo.findById(store, RegisteredStore.class)).map(StoreInventory::of);
	}
}
