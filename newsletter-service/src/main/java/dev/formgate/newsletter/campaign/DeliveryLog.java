package dev.formgate.newsletter.campaign;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Which campaigns each subject received: personal data (docs/privacy.md, "Campaigns"), one document per subjectRef,
 * in the inventory with its retention, in the access export, erased on erasure, moved on rectification. Written as
 * the SMTP server accepts the mails, one bulk write per batch.
 */
@Component
class DeliveryLog {

	static final String COLLECTION = "campaign_deliveries";

	/**
	 * One subject's deliveries; {@code oldest} lets retention find what is due without reading every entry, and its
	 * index without reading every subject.
	 */
	@Document(COLLECTION)
	record Deliveries(@Id String subjectRef, List<Delivery> received, @Indexed Instant oldest) {
	}

	/** The campaign and list a subject received a mail of, and when the SMTP server accepted it. */
	record Delivery(String campaignId, String list, Instant at) {
	}

	private final MongoTemplate mongo;

	DeliveryLog(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** These subjects (subjectRef → list) received the campaign now. */
	void record(String campaignId, Map<String, String> received, Instant now) {
		if (received.isEmpty()) {
			return;
		}
		BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Deliveries.class);
		received.forEach((subjectRef, list) -> bulk.upsert(query(where("_id").is(subjectRef)),
				new Update().push("received", new Delivery(campaignId, list, now)).min("oldest", now)));
		bulk.execute();
	}

	List<Delivery> of(String subjectRef) {
		Deliveries found = mongo.findById(subjectRef, Deliveries.class);
		return found == null || found.received() == null ? List.of() : found.received();
	}

	/**
	 * Whether the subject received a mail of another campaign after the earlier campaign's and before the later
	 * one's (false when either is not in the log).
	 */
	boolean deliveredBetween(String subjectRef, String earlierCampaignId, String laterCampaignId) {
		List<Delivery> received = of(subjectRef);
		Instant from = received.stream().filter(d -> d.campaignId().equals(earlierCampaignId)).map(Delivery::at)
			.min(Instant::compareTo).orElse(null);
		Instant to = received.stream().filter(d -> d.campaignId().equals(laterCampaignId)).map(Delivery::at)
			.max(Instant::compareTo).orElse(null);
		return from != null && to != null && received.stream()
			.anyMatch(d -> d.at().isAfter(from) && d.at().isBefore(to)
					&& !d.campaignId().equals(earlierCampaignId) && !d.campaignId().equals(laterCampaignId));
	}

	long erase(String subjectRef) {
		return mongo.remove(query(where("_id").is(subjectRef)), Deliveries.class).getDeletedCount();
	}

	/** The subject's address was corrected: their deliveries follow them to the new reference. */
	void move(String from, String to) {
		List<Delivery> moved = of(from);
		if (moved.isEmpty()) {
			return;
		}
		Instant oldest = moved.stream().map(Delivery::at).min(Instant::compareTo).orElseThrow();
		mongo.upsert(query(where("_id").is(to)), new Update().push("received").each(moved.toArray())
			.min("oldest", oldest), Deliveries.class);
		erase(from);
	}

	/** Retention: deliveries accepted before {@code cutoff} are forgotten; returns how many. */
	long purge(Instant cutoff) {
		long purged = 0;
		for (Deliveries due : mongo.find(query(where("oldest").lt(cutoff)), Deliveries.class)) {
			List<Delivery> kept = new ArrayList<>();
			for (Delivery delivery : due.received()) {
				if (delivery.at().isBefore(cutoff)) {
					purged++;
				}
				else {
					kept.add(delivery);
				}
			}
			if (kept.isEmpty()) {
				mongo.remove(query(where("_id").is(due.subjectRef()).and("oldest").is(due.oldest())),
						Deliveries.class);
			}
			else {
				mongo.updateFirst(query(where("_id").is(due.subjectRef()).and("oldest").is(due.oldest())),
						new Update().set("received", kept).set("oldest",
								kept.stream().map(Delivery::at).min(Instant::compareTo).orElseThrow()),
						Deliveries.class);
			}
		}
		return purged;
	}
}
