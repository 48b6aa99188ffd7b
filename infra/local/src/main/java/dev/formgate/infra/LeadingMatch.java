package dev.formgate.infra;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * mongo-java-server computes an aggregation over every document of the collection and applies its {@code $match}
 * afterwards, so a count ({@code countDocuments}: {@code $match}, then {@code $group}) reads the whole collection
 * whatever indexes it has. While an aggregation that starts with a {@code $match} runs, this hands the match to the
 * collection's read of "all documents", which then reads only those matching it through {@link QueryPlans} when a
 * plan narrows it, and every document otherwise (mongo-java-server's own indexes are sparse and would miss what a
 * {@code null} matches); the pipeline's own {@code $match} still filters them, so the answer stays the same.
 */
final class LeadingMatch {

	/** Operators a plain query cannot take, though a pipeline's {@code $match} can. */
	private static final Set<String> PIPELINE_ONLY = Set.of("$expr", "$text", "$where", "$jsonSchema");

	private static final ThreadLocal<Document> MATCH = new ThreadLocal<>();

	private LeadingMatch() {
	}

	/** Runs a database command, with the aggregation's leading match at hand if it is one. */
	static Document during(String command, Document query, Supplier<Document> run) {
		Document match = "aggregate".equalsIgnoreCase(command) ? leadingMatch(query) : null;
		if (match == null) {
			return run.get();
		}
		MATCH.set(match);
		try {
			return run.get();
		}
		finally {
			MATCH.remove();
		}
	}

	/** The leading match of the aggregation this thread computes, for its first read of the collection; else null. */
	static Document take() {
		Document match = MATCH.get();
		MATCH.remove();
		return match;
	}

	private static Document leadingMatch(Document aggregate) {
		if (aggregate.get("pipeline") instanceof List<?> stages && !stages.isEmpty()
				&& stages.getFirst() instanceof Document first && first.size() == 1
				&& first.get("$match") instanceof Document match && !match.isEmpty()
				&& match.keySet().stream().noneMatch(PIPELINE_ONLY::contains)) {
			return match;
		}
		return null;
	}
}
