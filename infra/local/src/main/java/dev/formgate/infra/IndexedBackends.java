package dev.formgate.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * mongo-java-server's in-memory and file-backed (H2 MVStore) backends with the query planning of {@link QueryPlans}
 * and the non-unique indexes of {@link SecondaryIndex}, and a count of the scans that remain ({@link StoreScans}).
 * The services declare the indexes their queries need (for MongoDB); with these, the embedded store uses them too.
 */
final class IndexedBackends {

	private IndexedBackends() {
	}

	static MongoBackend memory(StoreScans scans) {
		return new Memory(scans);
	}

	/** The file-backed store in this file, created if missing; its indexes are built from its documents on opening. */
	static MongoBackend file(String file, StoreScans scans) {
		OPENING.set(new Opening(null, scans));
		try {
			return new File(MVStore.open(file), scans);
		}
		finally {
			OPENING.remove();
		}
	}

	/**
	 * What a database or collection being opened inside a backend's or database's constructor needs before their own
	 * fields are set: mongo-java-server opens the stored databases and collections from its constructors.
	 */
	private record Opening(MVStore store, StoreScans scans) {
	}

	private static final ThreadLocal<Opening> OPENING = new ThreadLocal<>();

	/**
	 * A query's answer: walked through a secondary index a batch at a time ({@link IndexCursor}) where one gives the
	 * order asked for, else computed at once from the positions a plan narrows it to, else from every document.
	 */
	private static <P> QueryResult query(MongoCollection<P> collection, List<Index<P>> indexes, StoreScans scans,
			CursorRegistry cursors, Document query, Document orderBy, int skip, int limit, int batchSize,
			Function<List<P>, List<Document>> matching, Planned<P> planned, Unplanned unplanned) {
		SecondaryIndex<P>.Walk walk = QueryPlans.walk(indexes, query, orderBy);
		if (walk != null) {
			return IndexCursor.firstBatch(cursors, collection, walk, matching, skip, limit, batchSize);
		}
		Iterable<P> positions = QueryPlans.plan(indexes, query);
		if (positions != null) {
			return planned.match(positions);
		}
		countScan(collection, indexes, scans, query);
		return unplanned.query();
	}

	/** Set while an aggregation reads every document, whose scan is already counted under its match. */
	private static final ThreadLocal<Boolean> UNCOUNTED = new ThreadLocal<>();

	private static <P> void countScan(MongoCollection<P> collection, List<Index<P>> indexes, StoreScans scans,
			Document query) {
		if (scans != null && UNCOUNTED.get() == null && !collection.getCollectionName().startsWith("system.")
				&& indexes.stream().noneMatch(index -> index.canHandle(query))) {
			scans.scanned(collection.getFullName(), query, collection.count());
		}
	}

	/**
	 * The documents an aggregation reads: with a leading match the indexes narrow, only those; else all of them
	 * (counted as a scan of that match), for mongo-java-server's own query would answer such a match through its
	 * sparse indexes, which lack the documents a null or missing value matches.
	 */
	private static <P> Stream<Document> aggregated(MongoCollection<P> collection, List<Index<P>> indexes,
			StoreScans scans, Supplier<Stream<Document>> all) {
		Document match = LeadingMatch.take();
		if (match == null) {
			return all.get();
		}
		if (QueryPlans.plan(indexes, match) == null) {
			countScan(collection, indexes, scans, match);
			// the read of all documents goes through the collection's query of {}: counted once, under the match
			UNCOUNTED.set(Boolean.TRUE);
			try {
				return all.get();
			}
			finally {
				UNCOUNTED.remove();
			}
		}
		return StreamSupport.stream(collection.handleQuery(match).spliterator(), false);
	}

	/**
	 * Positions in the order the collection keeps its documents, which is the order mongo-java-server gives an
	 * unsorted answer in without a plan, so that a plan does not change it — nor which documents a multi-document
	 * update changed before one of them broke a unique index.
	 */
	private static <P> List<P> natural(Iterable<P> positions, Comparator<? super P> order) {
		List<P> sorted = new ArrayList<>();
		positions.forEach(sorted::add);
		sorted.sort(order);
		return sorted;
	}

	@FunctionalInterface
	private interface Planned<P> {
		QueryResult match(Iterable<P> positions);
	}

	@FunctionalInterface
	private interface Unplanned {
		QueryResult query();
	}

	private static final class Memory extends MemoryBackend {

		private final StoreScans scans;

		Memory(StoreScans scans) {
			this.scans = scans;
		}

		@Override
		public MemoryDatabase openOrCreateDatabase(String databaseName) {
			return new Database(databaseName, getCursorRegistry(), scans);
		}

		private static final class Database extends MemoryDatabase {

			private final StoreScans scans;

			Database(String name, CursorRegistry cursors, StoreScans scans) {
				super(name, cursors);
				this.scans = scans;
			}

			@Override
			protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
				// during the constructor (the namespaces collection) scans is not set yet: that one is not counted
				return new Collection(this, name, options, cursorRegistry, scans);
			}

			@Override
			public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
					Oplog oplog) {
				return LeadingMatch.during(command, query,
						() -> super.handleCommand(channel, command, query, resolver, oplog));
			}

			@Override
			protected Index<Integer> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys,
					boolean sparse) {
				return new SecondaryIndex<>(name, keys);
			}
		}

		private static final class Collection extends MemoryCollection {

			private final StoreScans scans;

			Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors,
					StoreScans scans) {
				super(database, name, options, cursors);
				this.scans = scans;
			}

			@Override
			protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
					Document fieldSelector) {
				return query(this, getIndexes(), scans, cursorRegistry, query, orderBy, skip, limit, batchSize,
						positions -> matching(positions, query, fieldSelector),
						positions -> matchDocuments(query, natural(positions, Comparator.naturalOrder()), orderBy, skip,
								limit, batchSize, fieldSelector),
						() -> super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector));
			}

			/** The documents at these positions that match the query, projected; removed ones left out. */
			private List<Document> matching(List<Integer> positions, Document query, Document fieldSelector) {
				Stream<Document> found = positions.stream().map(this::getDocument).filter(Objects::nonNull);
				return matchDocumentsFromStream(query, found, 0, 0, 0, null, fieldSelector).collectDocuments();
			}

			@Override
			public Stream<Document> queryAllAsStream() {
				return aggregated(this, getIndexes(), scans, super::queryAllAsStream);
			}
		}
	}

	private static final class File extends H2Backend {

		private final StoreScans scans;

		File(MVStore store, StoreScans scans) {
			super(store);
			this.scans = scans;
		}

		@Override
		protected MongoDatabase openOrCreateDatabase(String databaseName) {
			Opening outer = OPENING.get();
			Opening opening = new Opening(getMvStore(), scans != null ? scans : outer.scans());
			OPENING.set(opening);
			try {
				return new Database(databaseName, opening, getCursorRegistry());
			}
			finally {
				if (outer == null) {
					OPENING.remove();
				}
				else {
					OPENING.set(outer);
				}
			}
		}

		private static final class Database extends H2Database {

			/** The names H2Database gives a collection's maps (mongo-java-server 1.47.0). */
			private static final String DATA = "databases.";
			private static final String META = "meta.";

			private final Opening opened;

			Database(String name, Opening opening, CursorRegistry cursors) {
				super(name, opening.store(), cursors);
				this.opened = opening;
			}

			@Override
			protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
				Opening opening = opened != null ? opened : OPENING.get();
				String fullName = getFullCollectionNamespace(name);
				MVMap<Object, Document> data = opening.store().openMap(DATA + fullName);
				MVMap<String, Object> meta = opening.store().openMap(META + fullName);
				return new Collection(this, name, options, data, meta, cursorRegistry, opening.scans());
			}

			@Override
			public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
					Oplog oplog) {
				return LeadingMatch.during(command, query,
						() -> super.handleCommand(channel, command, query, resolver, oplog));
			}

			@Override
			protected Index<Object> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys,
					boolean sparse) {
				return new SecondaryIndex<>(name, keys);
			}
		}

		private static final class Collection extends H2Collection {

			private final StoreScans scans;
			private final MVMap<Object, Document> data;

			Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
					MVMap<String, Object> meta, CursorRegistry cursors, StoreScans scans) {
				super(database, name, options, data, meta, cursors);
				this.scans = scans;
				this.data = data;
			}

			@Override
			protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
					Document fieldSelector) {
				return query(this, getIndexes(), scans, cursorRegistry, query, orderBy, skip, limit, batchSize,
						positions -> matching(positions, query, fieldSelector),
						positions -> matchDocuments(query, natural(positions, data.getKeyType()::compare), orderBy,
								skip, limit, batchSize, fieldSelector),
						() -> super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector));
			}

			/** The documents at these positions that match the query, projected; removed ones left out. */
			private List<Document> matching(List<Object> positions, Document query, Document fieldSelector) {
				Stream<Document> found = positions.stream().map(this::getDocument).filter(Objects::nonNull);
				return matchDocumentsFromStream(query, found, 0, 0, 0, null, fieldSelector).collectDocuments();
			}

			@Override
			public Stream<Document> queryAllAsStream() {
				return aggregated(this, getIndexes(), scans, super::queryAllAsStream);
			}
		}
	}
}
