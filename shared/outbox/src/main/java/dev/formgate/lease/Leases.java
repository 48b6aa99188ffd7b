package dev.formgate.lease;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Named leases in the service's own store, for a job that must run on one instance at a time (reading a shared
 * mailbox, say) while every instance runs the schedule. A lease is one document in {@value #COLLECTION}: its name as
 * {@code _id}, its holder (an instance's name, random per start: nothing personal) and when it ends. Taking and
 * renewing are one atomic write, an insert where there is no lease yet or an update that matches only a lease that is
 * the claimant's or over, so two instances cannot both hold it; while another's lease runs, a claim only reads. A
 * holder that crashed stops renewing, and the next claim after its lease ended takes it over.
 */
public class Leases {

	public static final String COLLECTION = "leases";

	record Lease(@Id String name, String holder, Instant until) {
	}

	private final MongoTemplate mongo;
	private final Clock clock;

	public Leases(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * True if {@code holder} holds the lease now, until {@code duration} from now: taken if it was free or over,
	 * renewed if it was the holder's already; false while another holder's lease runs.
	 */
	public boolean claim(String name, String holder, Duration duration) {
		Instant now = clock.instant();
		Lease lease = mongo.findById(name, Lease.class, COLLECTION);
		if (lease == null) {
			try {
				mongo.insert(new Lease(name, holder, now.plus(duration)), COLLECTION);
				return true;
			}
			catch (DuplicateKeyException takenMeanwhile) {
				return false;
			}
		}
		if (!lease.holder().equals(holder) && lease.until().isAfter(now)) {
			return false; // another's lease runs: no write
		}
		// the write decides: only one of several that saw the lease over or their own can match
		return mongo.updateFirst(
				query(where("_id").is(name).orOperator(where("holder").is(holder), where("until").lte(now))),
				new Update().set("holder", holder).set("until", now.plus(duration)), Lease.class, COLLECTION)
			.getMatchedCount() > 0;
	}

	/** Gives the lease up if {@code holder} holds it, so that another instance takes it without waiting for its end. */
	public void release(String name, String holder) {
		mongo.remove(query(where("_id").is(name).and("holder").is(holder)), Lease.class, COLLECTION);
	}

	/** Who holds the lease now, if anyone does. */
	public Optional<String> holder(String name) {
		Lease lease = mongo.findById(name, Lease.class, COLLECTION);
		return lease == null || !lease.until().isAfter(clock.instant()) ? Optional.empty()
				: Optional.of(lease.holder());
	}
}
