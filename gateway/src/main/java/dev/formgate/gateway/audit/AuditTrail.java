package dev.formgate.gateway.audit;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The trail in the gateway's MongoDB, collection {@code audit_trail}: only inserts, never an update or a delete.
 * An action is recorded twice: as an attempt before it is forwarded (if that fails, the action is refused and nothing
 * changes) and with its outcome once the service answered.
 */
@Component
public class AuditTrail {

	static final String COLLECTION = "audit_trail";

	private final ReactiveMongoTemplate mongo;

	AuditTrail(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
		mongo.indexOps(COLLECTION).createIndex(new Index("target", Sort.Direction.ASC)).onErrorComplete().subscribe();
	}

	Mono<String> attempt(Instant at, String actor, String action, String target, Map<String, String> fields) {
		String id = UUID.randomUUID().toString();
		return mongo.insert(new Document("_id", id).append("kind", "attempt").append("at", Date.from(at))
			.append("actor", actor).append("action", action).append("target", target)
			.append("fields", new Document(fields)), COLLECTION).thenReturn(id);
	}

	Mono<Void> outcome(String attempt, Instant at, String actor, String action, String target,
			Map<String, String> fields, int status) {
		return mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("kind", "outcome")
			.append("attempt", attempt).append("at", Date.from(at)).append("actor", actor).append("action", action)
			.append("target", target).append("fields", new Document(fields)).append("status", status), COLLECTION)
			.then();
	}

	/** What was done to one request, oldest first; attempts without a recorded outcome show status 0. */
	public Flux<AuditEntry> about(String target) {
		return mongo.find(Query.query(Criteria.where("target").is(target)), Document.class, COLLECTION)
			.collectList()
			.flatMapIterable(documents -> {
				var outcomes = documents.stream().filter(d -> "outcome".equals(d.getString("kind")))
					.map(d -> d.getString("attempt")).toList();
				return documents.stream()
					.filter(d -> "outcome".equals(d.getString("kind")) || !outcomes.contains(d.getString("_id")))
					.map(AuditTrail::entry)
					.sorted((a, b) -> a.at().compareTo(b.at()))
					.toList();
			});
	}

	private static AuditEntry entry(Document d) {
		Map<String, String> fields = new LinkedHashMap<>();
		Document stored = d.get("fields", Document.class);
		if (stored != null) {
			stored.forEach((k, v) -> fields.put(k, String.valueOf(v)));
		}
		Integer status = d.getInteger("status");
		return new AuditEntry(d.getString("_id"), d.getDate("at").toInstant(), d.getString("actor"),
				d.getString("action"), d.getString("target"), fields, status == null ? 0 : status);
	}
}
