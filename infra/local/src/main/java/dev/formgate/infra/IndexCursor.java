package dev.formgate.infra;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The answer to a sorted query that a {@link SecondaryIndex} walks in its order, read a batch at a time as the client
 * asks for it:
 * mongo-java-server computes a query's whole answer before its first batch, which for a list of a million
 * subscriptions took longer than the client's read timeout, and each client that gave up left a million documents
 * in an abandoned cursor. Each batch is read under the collection's lock, as a query is, so it sees whole writes.
 */
final class IndexCursor<P> extends AbstractCursor {

	/** Keys looked up per step when the client asks for fewer. */
	private static final int STEP = 64;

	private final Object collection;
	private final SecondaryIndex<P>.Walk walk;
	private final Function<List<P>, List<Document>> matching;
	private final Deque<Document> ahead = new ArrayDeque<>();
	private int toSkip;
	/** How many documents the query may still return; negative: no limit. */
	private long allowed;
	private boolean walked;

	/**
	 * @param matching the documents at these positions that match the query, projected (positions of documents
	 * removed meanwhile left out)
	 */
	private IndexCursor(long id, Object collection, SecondaryIndex<P>.Walk walk,
			Function<List<P>, List<Document>> matching, int skip, int limit) {
		super(id);
		this.collection = collection;
		this.walk = walk;
		this.matching = matching;
		this.toSkip = Math.max(skip, 0);
		this.allowed = limit > 0 ? limit : -1;
	}

	/**
	 * The query's first batch ({@code batchSize}, or the whole answer when the client set none), with this cursor
	 * registered for the rest if there is more. Called under the collection's lock.
	 */
	static <P> QueryResult firstBatch(CursorRegistry cursors, Object collection, SecondaryIndex<P>.Walk walk,
			Function<List<P>, List<Document>> matching, int skip, int limit, int batchSize) {
		IndexCursor<P> cursor = new IndexCursor<>(cursors.generateCursorId(), collection, walk, matching, skip, limit);
		List<Document> first = cursor.takeDocuments(batchSize > 0 ? batchSize : Integer.MAX_VALUE - 1);
		if (cursor.isEmpty()) {
			return new QueryResult(first);
		}
		cursors.add(cursor);
		return new QueryResult(first, cursor);
	}

	@Override
	public boolean isEmpty() {
		synchronized (collection) {
			return ahead.isEmpty();
		}
	}

	@Override
	public List<Document> takeDocuments(int numberToReturn) {
		synchronized (collection) {
			// one more than asked, so that whether the cursor is done is known before the client asks again
			fill(numberToReturn + 1);
			List<Document> batch = new ArrayList<>(Math.min(numberToReturn, ahead.size()));
			while (batch.size() < numberToReturn && !ahead.isEmpty()) {
				batch.add(ahead.removeFirst());
			}
			return batch;
		}
	}

	private void fill(int wanted) {
		while (ahead.size() < wanted && !walked) {
			List<P> positions = walk.next(Math.max(STEP, Math.min(wanted - ahead.size(), 10_000)));
			if (positions.isEmpty()) {
				walked = true;
				return;
			}
			for (Document document : matching.apply(positions)) {
				if (toSkip > 0) {
					toSkip--;
				}
				else {
					ahead.addLast(document);
					if (allowed > 0 && --allowed == 0) {
						walked = true;
						return;
					}
				}
			}
		}
	}
}
