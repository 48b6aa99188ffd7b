package dev.formgate.outbox;

import org.springframework.dao.OptimisticLockingFailureException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The store side of one kind of document with an {@link Outbox}, as the {@link OutboxRelay} needs it: usually the
 * aggregate's repository. Every write is a versioned single-document write.
 *
 * @param <D> the document type
 */
public interface OutboxDocuments<D> {

	String id(D document);

	Outbox outbox(D document);

	/** The documents with these ids that still exist. */
	List<D> findAll(Collection<String> ids);

	/** The document as it is now, or null if it is gone. */
	D findById(String id);

	/**
	 * Saves the document, or deletes it if nothing is left to keep once its outbox is empty (a purged request, say).
	 *
	 * @throws OptimisticLockingFailureException if someone wrote the document since it was read
	 */
	void save(D document);

	/**
	 * Saves these documents (each as {@link #save} would) with as few store commands as the store allows. Returns
	 * those of which it is not known that they were written: someone wrote them since they were read (or the store's
	 * answer does not say which of them). Their copies in hand are stale; the caller applies its changes to fresh
	 * copies, so those changes must do nothing a second time. By default one {@link #save} per document, which names
	 * each conflict.
	 */
	default List<D> saveAll(List<D> documents) {
		List<D> unknown = new ArrayList<>();
		for (D document : documents) {
			try {
				save(document);
			}
			catch (OptimisticLockingFailureException e) {
				unknown.add(document);
			}
		}
		return unknown;
	}

	/**
	 * Ids of the documents that owe something by this time, at most {@code limit}: a query on the indexed
	 * {@value Outbox#DUE} only, so it costs the same at a million documents as at ten.
	 */
	List<String> dueBy(Instant now, int limit);

	/** The owner's own work when the relay looks at a due document, before anything goes out (a deadline, say). */
	default void relaying(D document, Instant now) {
	}

	/** Kafka acknowledged these events of the document; an owner may change its state on it. */
	default void eventsRelayed(D document, Set<String> eventIds, Instant now) {
		outbox(document).eventsRelayed(eventIds);
	}

	/**
	 * Says again what each event recorded before events were kept as they go out was (only an id and a kind are
	 * stored: see {@link Outbox#upgrade}). Documents written by an older version still relay; nothing else needs
	 * migrating.
	 */
	default void upgrade(D document) {
		throw new IllegalStateException("events recorded by an older version, and no upgrade for them");
	}
}
