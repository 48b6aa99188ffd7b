package dev.formgate.infra;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which documents of a collection of the embedded store a query looks at, the way MongoDB chooses: mongo-java-server
 * on its own uses a unique index only for a query naming exactly that index's fields, and no other index at all, so
 * {@code {_id, version}} (every versioned save), {@code {_id, requests: {$size: 0}}} or {@code {relayDue: {$lte: …}}}
 * read every document. Here a unique index serves any query that pins all its fields to values (the other
 * conditions are checked on the one document it finds), and a {@link SecondaryIndex} any query with an equality or
 * range on its leading fields — of several, the one that pins most of them. The collection still checks each
 * document it looks at against the whole query, so a plan never changes an answer.
 */
final class QueryPlans {

	private QueryPlans() {
	}

	/** The positions the query needs to look at, or null if no index narrows it (a scan). */
	static <P> Iterable<P> plan(List<Index<P>> indexes, Document query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		query = conjuncts(query);
		for (Index<P> index : indexes) {
			if (index.isUnique()) {
				Document pinned = pinned(index, query);
				if (pinned != null && index.canHandle(pinned)) {
					return index.getPositions(pinned);
				}
			}
		}
		SecondaryIndex<P> narrowest = narrowest(indexes, query);
		return narrowest == null ? null : narrowest.positions(query);
	}

	/**
	 * A walk of a secondary index through the documents the query needs to look at, in the order {@code orderBy}
	 * asks for, by the first index that can give them so; else null (the unique index that pins the query finds at
	 * most one document, and without such an index the answer is computed at once).
	 */
	static <P> SecondaryIndex<P>.Walk walk(List<Index<P>> indexes, Document query, Document orderBy) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		query = conjuncts(query);
		for (Index<P> index : indexes) {
			if (index.isUnique() && pinned(index, query) instanceof Document pinned && index.canHandle(pinned)) {
				return null;
			}
		}
		for (Index<P> index : indexes) {
			if (index instanceof SecondaryIndex<P> secondary
					&& secondary.walk(query, orderBy) instanceof SecondaryIndex<P>.Walk walk) {
				return walk;
			}
		}
		return null;
	}

	/**
	 * Of the secondary indexes that narrow the query, the one that pins most of its leading fields (then a range on
	 * the next), the first declared among equals: for {@code {list, state}} the index {@code (list, state, _id)}
	 * rather than {@code (state, lastConfirmationMailAt)}, which would look at every active subscription.
	 */
	private static <P> SecondaryIndex<P> narrowest(List<Index<P>> indexes, Document query) {
		SecondaryIndex<P> narrowest = null;
		int best = -1;
		for (Index<P> index : indexes) {
			if (index instanceof SecondaryIndex<P> secondary) {
				int narrowing = secondary.narrowing(query);
				if (narrowing > best) {
					narrowest = secondary;
					best = narrowing;
				}
			}
		}
		return narrowest;
	}

	/**
	 * The query's conditions with those of a top-level {@code $and} beside them, as far as each field has one
	 * condition: a plan for one of several ANDed conditions still finds a superset.
	 */
	private static Document conjuncts(Document query) {
		if (!(query.get("$and") instanceof List<?> all)) {
			return query;
		}
		Document flat = new Document(query);
		flat.remove("$and");
		for (Object part : all) {
			if (part instanceof Document conditions) {
				conjuncts(conditions).forEach(flat::putIfAbsent); // an $and in an $and, as the driver's Filters.and nest them
			}
		}
		return flat;
	}

	/** The query's values of every field of the index, if it pins each to values; else null. */
	private static Document pinned(Index<?> index, Document query) {
		Document pinned = new Document();
		for (IndexKey key : index.getKeys()) {
			Object condition = query.get(key.getKey());
			if (condition instanceof Document operators) {
				if (operators.size() == 1 && operators.containsKey("$eq") && value(operators.get("$eq"))) {
					condition = operators.get("$eq");
				}
				else if (!(operators.size() == 1 && index.getKeys().size() == 1
						&& operators.get("$in") instanceof Collection<?> values
						&& values.stream().allMatch(QueryPlans::value))) {
					return null;
				}
			}
			else if (!value(condition)) {
				return null; // absent, null (a sparse index lacks those), an array or a pattern
			}
			pinned.put(key.getKey(), condition);
		}
		return pinned;
	}

	private static boolean value(Object value) {
		return Missing.isNeitherNullNorMissing(value) && !(value instanceof Document) && !(value instanceof Collection)
				&& !(value instanceof Pattern) && !BsonRegularExpression.isRegularExpression(value);
	}

	/** The query's fields and operators without its values: {@code {_id, version}}, {@code {relayDue: {$lte}}}. */
	static String shape(Document query) {
		if (query == null || query.isEmpty()) {
			return "{}";
		}
		return query.entrySet().stream().map(e -> e.getKey() + shapeOf(e.getValue()))
			.collect(Collectors.joining(", ", "{", "}"));
	}

	private static String shapeOf(Object value) {
		if (value instanceof Document operators && operators.keySet().stream().anyMatch(k -> k.startsWith("$"))) {
			return ": {" + String.join(", ", operators.keySet()) + "}";
		}
		return "";
	}
}
