package dev.formgate.contact.request;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Which contact requests each subject has: one document per subjectRef ({@code _id}) listing the ids of the subject's
 * requests that may still hold data, so that a data-subject request finds them by {@code _id} on any store. (The
 * embedded store uses only unique indexes, and only for queries that name exactly their fields: a query on the
 * requests' {@code subjectRef} scans every request there, and erasure would grow with the store.)
 * <p>
 * A request's id is listed <em>before</em> the request is written with that subjectRef and taken out only
 * <em>after</em> it is purged or moved to another subjectRef, so a crash in between leaves an id too many — which
 * {@link ContactRequests#ofSubject} recognises and prunes — never a request the lookup misses.
 */
@Component
class ContactSubjects {

	static final String COLLECTION = "contact_subjects";
	/** Marks that every request stored before this lookup existed is listed (subjectRefs are base64url: no "!"). */
	private static final String COMPLETE = "!complete";

	private final MongoTemplate mongo;

	ContactSubjects(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Lists the request under the subject (idempotent). */
	void add(String subjectRef, String requestId) {
		mongo.upsert(query(where("_id").is(subjectRef)), new Update().addToSet("requests", requestId), COLLECTION);
	}

	/** The ids listed for the subject; some may name requests purged, moved or never written (a crash). */
	List<String> requestIds(String subjectRef) {
		Subject subject = mongo.findById(subjectRef, Subject.class);
		return subject == null || subject.requests() == null ? List.of() : subject.requests();
	}

	/** Takes the ids off the subject's list, and the list away once it is empty: no subjectRef outlives its data. */
	void remove(String subjectRef, Collection<String> requestIds) {
		if (requestIds.isEmpty()) {
			return;
		}
		mongo.updateFirst(query(where("_id").is(subjectRef)), new Update().pullAll("requests", requestIds.toArray()),
				COLLECTION);
		mongo.remove(query(where("_id").is(subjectRef).and("requests").size(0)), COLLECTION);
	}

	/**
	 * Once, on a store that holds requests from before this lookup: lists every request still holding data. Idempotent,
	 * so a crash midway only means it runs again at the next start.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void completeOnce() {
		if (mongo.exists(query(where("_id").is(COMPLETE)), COLLECTION)) {
			return;
		}
		var holdingData = query(where("purgedAt").isNull());
		holdingData.fields().include("_id").include("subjectRef");
		mongo.stream(holdingData, ContactRequest.class).forEach(r -> add(r.subjectRef().value(), r.id()));
		mongo.upsert(query(where("_id").is(COMPLETE)), new Update().set("complete", true), COLLECTION);
	}

	/** A subject's lookup document. */
	@Document(COLLECTION)
	record Subject(@Id String id, List<String> requests) {
	}
}
