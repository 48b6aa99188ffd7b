package dev.formgate.infra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A non-unique index of the embedded store, which mongo-java-server accepts and then ignores: the values of the
 * index's fields (each element of an array) → the positions of the documents holding them, in MongoDB's order of
 * values, compound keys compared field by field. It answers a query that pins a prefix of its fields to values
 * (equality or {@code $in}) and limits the next one by a range, or pins or limits just the first, with a superset of
 * the matching documents — the collection still checks every document against the whole query — so it never changes
 * an answer, only which documents are looked at. Documents without the first field have no entry (no query it
 * answers can match them). Kept in memory, built from the documents when the store opens.
 *
 * @param <P> the store's document positions
 */
final class SecondaryIndex<P> extends Index<P> {

	private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();
	private static final Comparator<List<Object>> KEYS = (a, b) -> {
		for (int i = 0; i < a.size(); i++) {
			int c = VALUES.compare(a.get(i), b.get(i));
			if (c != 0) {
				return c;
			}
		}
		return 0;
	};

	private final List<String> fields;
	private final NavigableMap<List<Object>, Set<P>> positions = new TreeMap<>(KEYS);
	private final NavigableMap<Object, P> byId = new TreeMap<>(VALUES);
	/** A value this index cannot order (an array in an array): from then on it answers nothing. */
	private boolean unusable;
	/** A document held an array in an indexed field: it has a key per element, so walks could meet it twice. */
	private boolean multikey;
	private long entries;

	SecondaryIndex(String name, List<IndexKey> keys) {
		// "sparse": a document without the first field has no entry, which the collection must not take for an error
		super(name, keys, true);
		this.fields = keys.stream().map(IndexKey::getKey).toList();
	}

	/**
	 * Positions of a superset of the documents matching the query's conditions on this index's fields, or null if
	 * the query does not limit the first field in a way this index can narrow (then the caller looks elsewhere).
	 */
	synchronized Iterable<P> positions(Document query) {
		Ranges ranges = ranges(query);
		if (ranges == null) {
			return null;
		}
		Set<P> found = new LinkedHashSet<>();
		for (KeyRange range : ranges.all()) {
			positions.subMap(range.from(), true, range.to(), true).values().forEach(found::addAll);
		}
		return found;
	}

	/**
	 * How far this index narrows the query, as MongoDB's planner would rank it: twice the number of leading fields the
	 * query pins to values, plus one if it limits the next by a range; -1 if it cannot narrow it at all.
	 */
	synchronized int narrowing(Document query) {
		Ranges ranges = ranges(query);
		return ranges == null ? -1 : 2 * ranges.pinned() + (ranges.ranged() ? 1 : 0);
	}

	/**
	 * A walk through the positions {@link #positions} would give, a few keys at a time, in the index's order, for a
	 * query sorted by one field ascending that is the index's next after those the query pins to one value each; or
	 * null if this index cannot walk the query so: it does not narrow it, it is sorted otherwise, or a document holds
	 * an array in an indexed field (then a document has several keys, and MongoDB sorts it by its least element).
	 */
	synchronized Walk walk(Document query, Document orderBy) {
		Ranges ranges = ranges(query);
		if (ranges == null || multikey || orderBy == null || orderBy.size() != 1 || ranges.ordered() < 0
				|| ranges.ordered() >= fields.size()
				|| !fields.get(ranges.ordered()).equals(orderBy.keySet().iterator().next())
				|| !(orderBy.values().iterator().next() instanceof Number direction) || direction.intValue() != 1) {
			return null;
		}
		return new Walk(ranges.all());
	}

	/** Index keys from {@code from} to {@code to}, both included. */
	private record KeyRange(List<Object> from, List<Object> to) {
	}

	/**
	 * The key ranges a query's conditions on this index's fields leave, and the index of the first field they do not
	 * pin to one value: within one range the keys are in that field's order.
	 */
	private record Ranges(List<KeyRange> all, int ordered, int pinned, boolean ranged) {
	}

	private Ranges ranges(Document query) {
		if (unusable) {
			return null;
		}
		List<List<Object>> prefixes = List.of(List.of());
		Bounds range = null;
		int ordered = 0;
		for (String field : fields) {
			Object condition = query.get(field);
			List<Object> points = points(condition);
			if (points != null) {
				prefixes = extend(prefixes, points);
				ordered++;
				continue;
			}
			range = bounds(condition);
			break;
		}
		if (prefixes.getFirst().isEmpty() && range == null) {
			return null;
		}
		List<KeyRange> all = new ArrayList<>();
		for (List<Object> prefix : prefixes) {
			List<Object> from = new ArrayList<>(prefix);
			List<Object> to = new ArrayList<>(prefix);
			if (range != null) {
				from.add(range.low() == null ? MinKey.getInstance() : range.low());
				to.add(range.high() == null ? MaxKey.getInstance() : range.high());
			}
			while (from.size() < fields.size()) {
				from.add(MinKey.getInstance());
				to.add(MaxKey.getInstance());
			}
			if (KEYS.compare(from, to) <= 0) { // else an empty range ($gte 5, $lt 1)
				all.add(new KeyRange(from, to));
			}
		}
		return new Ranges(all, prefixes.size() == 1 ? ordered : -1, prefixes.getFirst().size(), range != null);
	}

	/**
	 * A resumable walk through key ranges of this index, like a cursor of MongoDB's: each step looks up the keys after
	 * the last one it took, so writes between steps neither break it nor are missed if they land ahead of it. A
	 * document whose key moves during the walk may be met twice or not at all, as with MongoDB's cursors.
	 */
	final class Walk {

		private final Deque<KeyRange> ranges;
		private List<Object> after;

		private Walk(List<KeyRange> ranges) {
			this.ranges = new ArrayDeque<>(ranges);
		}

		/** The positions of the next keys, at least {@code wanted} unless the walk ends; empty at its end. */
		List<P> next(int wanted) {
			synchronized (SecondaryIndex.this) {
				List<P> taken = new ArrayList<>();
				while (taken.size() < wanted && !ranges.isEmpty()) {
					KeyRange range = ranges.peekFirst();
					var ahead = after == null ? positions.subMap(range.from(), true, range.to(), true)
							: positions.subMap(after, false, range.to(), true);
					boolean ended = true;
					for (Map.Entry<List<Object>, Set<P>> entry : ahead.entrySet()) {
						taken.addAll(entry.getValue());
						after = entry.getKey();
						if (taken.size() >= wanted) {
							ended = false;
							break;
						}
					}
					if (ended) {
						ranges.removeFirst();
						after = null;
					}
				}
				return taken;
			}
		}
	}

	/** The values an equality or {@code $in} pins the field to, or null. */
	private static List<Object> points(Object condition) {
		if (!(condition instanceof Document operators && isOperators(operators))) {
			return indexable(condition) ? List.of(condition) : null;
		}
		if (operators.get("$eq") != null && indexable(operators.get("$eq"))) {
			return List.of(operators.get("$eq"));
		}
		if (operators.get("$in") instanceof Collection<?> values && !values.isEmpty()
				&& values.stream().allMatch(SecondaryIndex::indexable)) {
			return List.copyOf(values);
		}
		return null;
	}

	private record Bounds(Object low, Object high) {
	}

	/** The range {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} limit the field to (inclusive), or null. */
	private static Bounds bounds(Object condition) {
		if (!(condition instanceof Document operators && isOperators(operators))) {
			return null;
		}
		Object low = null;
		Object high = null;
		for (Map.Entry<String, Object> operator : operators.entrySet()) {
			switch (operator.getKey()) {
				case "$gt", "$gte" -> low = indexable(operator.getValue()) ? operator.getValue() : low;
				case "$lt", "$lte" -> high = indexable(operator.getValue()) ? operator.getValue() : high;
				default -> {
					// another condition on the field (ANDed): the collection checks it
				}
			}
		}
		return low == null && high == null ? null : new Bounds(low, high);
	}

	private static boolean isOperators(Document document) {
		return !document.isEmpty() && document.keySet().stream().allMatch(key -> key.startsWith("$"));
	}

	private static List<List<Object>> extend(List<List<Object>> prefixes, List<Object> values) {
		List<List<Object>> extended = new ArrayList<>();
		for (List<Object> prefix : prefixes) {
			for (Object value : values) {
				List<Object> key = new ArrayList<>(prefix);
				key.add(value);
				extended.add(key);
			}
		}
		return extended;
	}

	/** A value whose matches are exactly the documents holding an equal value: no null, array, document or pattern. */
	private static boolean indexable(Object value) {
		return Missing.isNeitherNullNorMissing(value) && !(value instanceof Document) && !(value instanceof Collection)
				&& !(value instanceof Pattern) && !BsonRegularExpression.isRegularExpression(value);
	}

	/** The document's keys: one per combination of its fields' values (array elements); none without the first. */
	private List<List<Object>> keys(Document document) {
		List<List<Object>> keys = List.of(List.of());
		for (int i = 0; i < fields.size(); i++) {
			Object value = Utils.getSubdocumentValueCollectionAware(document, fields.get(i));
			List<Object> values = new ArrayList<>();
			if (value instanceof Collection<?> elements) {
				multikey = true;
				for (Object element : elements) {
					if (element instanceof Collection) {
						unusable = true;
					}
					values.add(Missing.isNullOrMissing(element) ? null : element);
				}
				if (values.isEmpty()) {
					values.add(null);
				}
			}
			else {
				values.add(Missing.isNullOrMissing(value) ? null : value);
			}
			if (i == 0) {
				values.removeIf(v -> v == null);
				if (values.isEmpty()) {
					return List.of();
				}
			}
			keys = extend(keys, values);
		}
		return keys;
	}

	private void put(List<List<Object>> keys, P position) {
		for (List<Object> key : keys) {
			if (positions.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(position)) {
				entries++;
			}
		}
	}

	private void take(List<List<Object>> keys, P position) {
		for (List<Object> key : keys) {
			Set<P> at = positions.get(key);
			if (at != null && at.remove(position)) {
				entries--;
				if (at.isEmpty()) {
					positions.remove(key);
				}
			}
		}
	}

	@Override
	public synchronized void add(Document document, P position, MongoCollection<P> collection) {
		byId.put(document.get("_id"), position);
		put(keys(document), position);
	}

	@Override
	public synchronized P remove(Document document) {
		P position = byId.remove(document.get("_id"));
		if (position != null) {
			take(keys(document), position);
		}
		return position;
	}

	@Override
	public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
			MongoCollection<P> collection) {
		take(keys(oldDocument), position);
		byId.remove(oldDocument.get("_id"));
		byId.put(newDocument.get("_id"), position);
		put(keys(newDocument), position);
	}

	@Override
	public P getPosition(Document document) {
		return null; // the unique indexes say where a document is
	}

	@Override
	public void checkAdd(Document document, MongoCollection<P> collection) {
		// not unique: nothing to refuse
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
		// not unique: nothing to refuse
	}

	@Override
	public boolean canHandle(Document query) {
		return false; // asked through positions(…) by the collections of this store (IndexedBackends)
	}

	@Override
	public Iterable<P> getPositions(Document query) {
		throw new UnsupportedOperationException("use positions(query)");
	}

	@Override
	public synchronized long getCount() {
		return byId.size();
	}

	@Override
	public synchronized boolean isEmpty() {
		return byId.isEmpty();
	}

	@Override
	public synchronized long getDataSize() {
		return entries;
	}

	@Override
	public synchronized void drop() {
		positions.clear();
		byId.clear();
		entries = 0;
		multikey = false;
	}
}
