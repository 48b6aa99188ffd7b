package dev.formgate.mail;

import dev.formgate.events.SubjectRefs;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * One mail of a kind per inbox ({@link Mailboxes}) within a cooldown, whichever variant of the address was posted: a
 * form that mails an address nobody has confirmed must not fill an inbox (mail bombing through {@code +tag} variants
 * included). A claim is one atomic write in the service's own collection, so concurrent posts of variants cannot both
 * win; it holds only a keyed hash of the inbox (the subjectRef of its plain address), the scope, and when the cooldown
 * ends. Claims that are over are deleted by {@link #purge}.
 */
public class InboxCooldowns {

	record Claim(@Id String id, Instant until) {
	}

	private final MongoTemplate mongo;
	private final SubjectRefs subjectRefs;
	private final String collection;

	/** @param collection where the claims live, one collection per service and kind of mail */
	public InboxCooldowns(MongoTemplate mongo, SubjectRefs subjectRefs, String collection) {
		this.mongo = mongo;
		this.subjectRefs = subjectRefs;
		this.collection = collection;
	}

	/**
	 * True if this inbox may get a mail of this scope now (a newsletter list, say); the cooldown then starts. A zero
	 * cooldown always allows.
	 */
	public boolean claim(String address, String scope, Instant now, Duration cooldown) {
		String id = id(address, scope);
		try {
			// Matches a claim whose cooldown is over, or none (then inserts); a running claim makes the insert fail.
			mongo.findAndModify(query(where("_id").is(id).and("until").lte(now)),
					new Update().set("until", now.plus(cooldown)), FindAndModifyOptions.options().upsert(true),
					Claim.class, collection);
			return true;
		}
		catch (DuplicateKeyException running) {
			return false;
		}
	}

	/** The inbox's owner confirmed: the cooldown protects nobody any more. */
	public void release(String address, String scope) {
		mongo.remove(query(where("_id").is(id(address, scope))), collection);
	}

	/** Claims whose cooldown is over hold nothing anyone needs. Returns how many were deleted. */
	public long purge(Instant now) {
		return mongo.remove(query(where("until").lte(now)), collection).getDeletedCount();
	}

	/** The collection the claims live in (for a service's inventory). */
	public String collection() {
		return collection;
	}

	private String id(String address, String scope) {
		return subjectRefs.of(Mailboxes.of(address)).value() + "/" + scope;
	}
}
