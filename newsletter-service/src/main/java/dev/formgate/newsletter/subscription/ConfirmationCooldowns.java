package dev.formgate.newsletter.subscription;

import dev.formgate.events.SubjectRefs;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * One confirmation mail per inbox ({@link Mailboxes}) and list within the cooldown, whichever variant of the address
 * was posted. A claim is one atomic write, so concurrent sign-ups of variants cannot both win. A claim holds only a
 * keyed hash (the subjectRef of the inbox's plain address) and the list, and is deleted once the cooldown is over or
 * the inbox's owner confirmed.
 */
@Component
class ConfirmationCooldowns {

	static final String COLLECTION = "confirmation_cooldowns";

	@Document(COLLECTION)
	record Claim(@Id String id, Instant until) {
	}

	private final MongoTemplate mongo;
	private final SubjectRefs subjectRefs;

	ConfirmationCooldowns(MongoTemplate mongo, SubjectRefs subjectRefs) {
		this.mongo = mongo;
		this.subjectRefs = subjectRefs;
	}

	/** True if this inbox may get a confirmation mail for this list now; the cooldown then starts. */
	boolean claim(String address, String list, Instant now, Duration cooldown) {
		String id = id(address, list);
		try {
			// Matches a claim whose cooldown is over, or none (then inserts); a running claim makes the insert fail.
			mongo.findAndModify(query(where("_id").is(id).and("until").lte(now)),
					new Update().set("until", now.plus(cooldown)), FindAndModifyOptions.options().upsert(true),
					Claim.class);
			return true;
		}
		catch (DuplicateKeyException running) {
			return false;
		}
	}

	/** The inbox's owner confirmed: the cooldown protected nobody any more. */
	void release(String address, String list) {
		mongo.remove(query(where("_id").is(id(address, list))), Claim.class);
	}

	/** Claims whose cooldown is over hold nothing anyone needs. Returns how many were deleted. */
	long purge(Instant now) {
		return mongo.remove(query(where("until").lte(now)), Claim.class).getDeletedCount();
	}

	private String id(String address, String list) {
		return subjectRefs.of(Mailboxes.of(address)).value() + "/" + list;
	}
}
