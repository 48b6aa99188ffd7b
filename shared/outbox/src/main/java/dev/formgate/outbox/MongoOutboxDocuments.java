package dev.formgate.outbox;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The MongoDB side of {@link OutboxDocuments} for a versioned document class: finding by ids, the sweep on the indexed
 * due time, saving (or deleting a document that is gone once nothing more is owed), read-modify-write under the one
 * retry policy, and the upgrade of entries an earlier version stored by kind. An aggregate's repository extends it.
 *
 * @param <D> the document type, with {@code @Version} and an {@code @Unwrapped.Empty} {@link Outbox}
 */
public abstract class MongoOutboxDocuments<D> implements OutboxDocuments<D> {

	protected final MongoTemplate mongo;
	private final Class<D> type;

	protected MongoOutboxDocuments(MongoTemplate mongo, Class<D> type) {
		this.mongo = mongo;
		this.type = type;
	}

	@Override
	public List<D> findAll(Collection<String> ids) {
		return mongo.find(query(where("_id").in(ids)), type);
	}

	@Override
	public D findById(String id) {
		return mongo.findById(id, type);
	}

	/** Saves, or deletes once {@link #isGoneOnceRelayed}; fails if someone wrote the document meanwhile. */
	@Override
	public void save(D document) {
		if (isGoneOnceRelayed(document)) {
			mongo.remove(document);
		}
		else {
			mongo.save(document);
		}
	}

	/**
	 * One bulk command for all of them: each replaced where its id and version still are as read (its version raised,
	 * as {@link #save} does), or deleted so once {@link #isGoneOnceRelayed}. The store answers how many matched, not
	 * which: if fewer than all did, all of them are returned (their copies in hand are stale), else none.
	 */
	@Override
	public List<D> saveAll(List<D> documents) {
		MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
		MongoPersistentProperty version = entity.getVersionProperty();
		if (documents.size() < 2 || version == null
				|| documents.stream().anyMatch(d -> !(entity.getPropertyAccessor(d).getProperty(version) instanceof Long))) {
			return OutboxDocuments.super.saveAll(documents);
		}
		List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
		for (D document : documents) {
			PersistentPropertyAccessor<D> accessor = entity.getPropertyAccessor(document);
			long read = (Long) accessor.getProperty(version);
			boolean gone = isGoneOnceRelayed(document);
			if (!gone) {
				accessor.setProperty(version, read + 1);
			}
			Document stored = new Document();
			mongo.getConverter().write(document, stored);
			Document asRead = new Document("_id", stored.get("_id")).append(version.getFieldName(), read);
			writes.add(gone ? new DeleteOneModel<>(asRead) : new ReplaceOneModel<>(asRead, stored));
		}
		BulkWriteResult written = mongo.execute(mongo.getCollectionName(type),
				collection -> collection.bulkWrite(writes, new BulkWriteOptions().ordered(false)));
		return written.getMatchedCount() + written.getDeletedCount() == documents.size() ? List.of() : documents;
	}

	/** Whether the document has nothing left to keep, only to relay (default: it is always kept). */
	protected boolean isGoneOnceRelayed(D document) {
		return false;
	}

	/** On MongoDB a range on the relayDue index; one page of ids. */
	@Override
	public List<String> dueBy(Instant now, int limit) {
		Query due = query(where(Outbox.DUE).lte(now)).limit(limit);
		due.fields().include("_id");
		return mongo.find(due, type).stream().map(this::id).toList();
	}

	/**
	 * Read-modify-write against the versioned document, again after a concurrent write ({@link Conflicts}). The
	 * change sees the fresh document, or null if it is gone; an existing one is saved after it.
	 */
	public <T> T update(String id, Function<D, T> change) {
		return Conflicts.retrying(() -> {
			D fresh = findById(id);
			T result = change.apply(fresh);
			if (fresh != null) {
				save(fresh);
			}
			return result;
		});
	}

	/**
	 * Replaces the events an earlier version stored by kind (an entry with {@code eventId}, {@code kind},
	 * {@code occurredAt} and perhaps more) with the events that version's relay would have built: the owner says which
	 * event each kind was. The stored entries are read as they are.
	 *
	 * @param key the record key the events go out under
	 */
	protected void upgradeByKind(D document, String key, LegacyEvents legacy) {
		Document stored = mongo.findById(id(document), Document.class, mongo.getCollectionName(type));
		Map<String, Document> entries = new HashMap<>();
		if (stored != null) {
			for (Document entry : stored.getList(Outbox.EVENTS, Document.class, List.of())) {
				entries.put(entry.getString("eventId"), entry);
			}
		}
		outbox(document).upgrade(event -> {
			Document entry = entries.getOrDefault(event.eventId(), new Document());
			Date at = entry.getDate("occurredAt");
			Instant occurredAt = at == null ? Instant.EPOCH : at.toInstant();
			return OutboxEvent.upgraded(event, key, legacy.event(String.valueOf(entry.getString("kind")), entry,
					occurredAt), occurredAt);
		});
	}

	/** What event an entry of an earlier version was, by its kind. */
	@FunctionalInterface
	public interface LegacyEvents {

		/** Throws for a kind it does not know. */
		Object event(String kind, Document entry, Instant occurredAt);
	}
}
