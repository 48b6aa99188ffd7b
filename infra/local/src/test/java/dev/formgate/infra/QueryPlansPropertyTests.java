package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the documents (numbers of several types, text, dates, nulls, missing fields, arrays, sub-documents) and
 * whatever the inserts, updates and deletes before, the embedded store with its query plans answers every query
 * exactly as mongo-java-server alone does.
 */
class QueryPlansPropertyTests {

	static final MongoServer PLAIN = new MongoServer(new MemoryBackend());
	static final MongoServer INDEXED = new MongoServer(IndexedBackends.memory(new StoreScans()));
	static final MongoClient PLAIN_CLIENT = MongoClients.create(PLAIN.bindAndGetConnectionString());
	static final MongoClient INDEXED_CLIENT = MongoClients.create(INDEXED.bindAndGetConnectionString());
	static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

	@AfterContainer
	static void close() {
		PLAIN_CLIENT.close();
		INDEXED_CLIENT.close();
		PLAIN.shutdownNow();
		INDEXED.shutdownNow();
	}

	@Provide
	Arbitrary<Object> value() {
		// few values of each type, so that documents and queries meet often
		Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.integers().between(0, 2).map(i -> (Object) i),
				Arbitraries.longs().between(1, 2).map(l -> (Object) l),
				Arbitraries.of(1.0, 2.5).map(d -> (Object) d),
				Arbitraries.of("a", "b").map(s -> (Object) s),
				Arbitraries.integers().between(0, 1).map(i -> (Object) Date.from(T.plusSeconds(i))),
				Arbitraries.just(true).map(b -> (Object) b));
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, scalar),
				net.jqwik.api.Tuple.of(1, Arbitraries.just((Object) null)),
				net.jqwik.api.Tuple.of(2, scalar.list().ofMaxSize(2).map(l -> (Object) l)),
				net.jqwik.api.Tuple.of(1, scalar.map(v -> (Object) new Document("x", v))));
	}

	@Provide
	Arbitrary<Document> document() {
		Arbitrary<Object> field = Arbitraries.oneOf(value(), Arbitraries.just(MISSING));
		return Combinators.combine(Arbitraries.integers().between(0, 20), field, field, field)
			.as((id, a, b, c) -> {
				Document document = new Document("_id", "d" + id);
				put(document, "a", a);
				put(document, "b", b);
				put(document, "c", c);
				return document;
			});
	}

	static final Object MISSING = new Object();

	static void put(Document document, String key, Object value) {
		if (value != MISSING) {
			document.put(key, value);
		}
	}

	@Provide
	Arbitrary<Document> query() {
		Arbitrary<Object> operand = value();
		Arbitrary<String> field = Arbitraries.of("a", "b", "c", "_id");
		Arbitrary<Document> condition = Combinators.combine(field, Arbitraries.of("=", "$eq", "$in", "$gt", "$gte",
				"$lt", "$lte", "range", "$ne", "$exists", "$nin", "$size"), operand, operand).as((f, op, v, w) -> {
					Object c = switch (op) {
						case "=" -> v;
						case "$in", "$nin" -> new Document(op, v instanceof List<?> l ? l : java.util.Arrays.asList(v, w));
						case "range" -> new Document("$gte", v).append("$lt", w);
						case "$exists" -> new Document(op, v != null);
						case "$size" -> new Document(op, 0);
						default -> new Document(op, v);
					};
					return new Document(f.equals("_id") && op.equals("=") ? "_id" : f,
							f.equals("_id") && op.equals("=") ? "d" + Math.abs(String.valueOf(v).hashCode() % 21) : c);
				});
		return Combinators.combine(condition.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(false, true))
			.as((conditions, and) -> {
				if (and) { // as Spring's Criteria.andOperator writes them
					return new Document("$and", conditions);
				}
				Document query = new Document();
				conditions.forEach(query::putAll);
				return query;
			});
	}

	sealed interface Change {
	}

	record Insert(Document document) implements Change {
	}

	record Update(Document query, String field, Object value) implements Change {
	}

	record Delete(Document query) implements Change {
	}

	@Provide
	Arbitrary<List<Change>> changes() {
		Arbitrary<Change> insert = document().map(Insert::new);
		Arbitrary<Change> update = Combinators.combine(query(), Arbitraries.of("a", "b", "c"), value())
			.as(Update::new);
		Arbitrary<Change> delete = query().map(Delete::new);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, insert), net.jqwik.api.Tuple.of(3, update),
				net.jqwik.api.Tuple.of(1, delete)).list().ofMaxSize(40);
	}

	@Property(tries = 300)
	void answersEveryQueryAsTheStoreWithoutPlans(@ForAll("changes") List<Change> changes,
			@ForAll("query") Document query) {
		String database = "plans-" + UUID.randomUUID();
		var plain = PLAIN_CLIENT.getDatabase(database).getCollection("docs");
		var indexed = INDEXED_CLIENT.getDatabase(database).getCollection("docs");
		for (var collection : List.of(plain, indexed)) {
			collection.createIndex(Indexes.ascending("a"));
			collection.createIndex(Indexes.ascending("b", "c"));
			collection.createIndex(Indexes.ascending("c"), new IndexOptions().unique(true).sparse(true));
		}
		for (Change change : changes) {
			Object plainResult = apply(plain, change);
			Object indexedResult = apply(indexed, change);
			assertThat(indexedResult).as("%s", change).isEqualTo(plainResult);
			assertThat(ids(indexed, new Document())).isEqualTo(ids(plain, new Document()));
		}

		assertThat(ids(indexed, query)).as("%s", query).isEqualTo(ids(plain, query));
		for (String field : List.of("a", "b", "c", "_id")) {
			assertThat(sorted(indexed, query, field)).as("%s sorted by %s", query, field)
				.isEqualTo(sorted(plain, query, field));
		}
		assertThat(count(indexed, query)).as("count %s", query).isEqualTo(count(plain, query));
	}

	private static Object apply(MongoCollection<Document> collection, Change change) {
		try {
			return switch (change) {
				case Insert insert -> {
					collection.insertOne(new Document(insert.document()));
					yield "inserted";
				}
				case Update update -> collection.updateMany(update.query(),
						new Document("$set", new Document(update.field(), update.value()))).getModifiedCount();
				case Delete delete -> collection.deleteMany(delete.query()).getDeletedCount();
			};
		}
		catch (RuntimeException e) {
			return e.getClass().getSimpleName(); // a duplicate key, say: refused alike by both
		}
	}

	private static Object count(MongoCollection<Document> collection, Document query) {
		try {
			return collection.countDocuments(query); // an aggregation: $match, $group
		}
		catch (RuntimeException e) {
			return e.getClass().getSimpleName();
		}
	}

	/**
	 * The values of a field in the order of a sort by it, read three at a time, and which documents they came from:
	 * the order of documents with equal values is MongoDB's to choose.
	 */
	private static List<Object> sorted(MongoCollection<Document> collection, Document query, String field) {
		try {
			List<Document> found = collection.find(query).sort(Indexes.ascending(field)).batchSize(3)
				.into(new ArrayList<>());
			return List.of(found.stream().map(d -> String.valueOf(d.get(field))).toList(),
					found.stream().map(d -> d.getString("_id")).sorted().toList());
		}
		catch (RuntimeException e) {
			return List.of(e.getClass().getSimpleName());
		}
	}

	private static List<String> ids(MongoCollection<Document> collection, Document query) {
		try {
			return collection.find(query).map(d -> d.getString("_id")).into(new ArrayList<>()); // in their order
		}
		catch (RuntimeException e) {
			return List.of(e.getClass().getSimpleName());
		}
	}
}
