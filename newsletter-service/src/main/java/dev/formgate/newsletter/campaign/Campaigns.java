package dev.formgate.newsletter.campaign;

import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.MongoOutboxDocuments;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The campaigns, as their outbox relay and the service read and write them: versioned single-document writes. A
 * campaign's scheduled start is the relay's appointment with it ({@link Campaign#startIfDue}).
 */
@Component
class Campaigns extends MongoOutboxDocuments<Campaign> {

	static final String COLLECTION = "campaigns";

	Campaigns(MongoTemplate mongo) {
		super(mongo, Campaign.class);
	}

	@Override
	public String id(Campaign campaign) {
		return campaign.id();
	}

	@Override
	public Outbox outbox(Campaign campaign) {
		return campaign.outbox();
	}

	void insert(Campaign campaign) {
		mongo.insert(campaign);
	}

	/** A scheduled campaign whose time has come starts as the relay looks at it. */
	@Override
	public void relaying(Campaign campaign, Instant now) {
		campaign.startIfDue(now);
	}

	@Override
	public void eventsRelayed(Campaign campaign, Set<String> eventIds, Instant now) {
		campaign.outbox().eventsRelayed(eventIds);
		campaign.keepAppointment();
	}

	/** The campaign's state and pace only (what a sender checks before each batch), or null. */
	Campaign stateOf(String id) {
		Query one = query(where("_id").is(id));
		one.fields().include("state", "pace");
		return mongo.findOne(one, Campaign.class);
	}

	/** Read-modify-write, again after a concurrent write; {@link CampaignNotFound} if there is no such campaign. */
	<T> T change(String id, Function<Campaign, T> change) {
		return update(id, campaign -> {
			if (campaign == null) {
				throw new CampaignNotFound();
			}
			return change.apply(campaign);
		});
	}

	/** Newest first; a campaign collection stays small (one document per campaign ever written). */
	List<Campaign> page(CampaignState state, int page, int size) {
		Query query = state == null ? new Query() : query(where("state").is(state));
		return mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt")).skip((long) page * size).limit(size),
				Campaign.class);
	}

	long count(CampaignState state) {
		return mongo.count(state == null ? new Query() : query(where("state").is(state)), Campaign.class);
	}

	/** The campaigns that are sending or paused: their recipients are being selected or mailed. */
	List<Campaign> underway() {
		return mongo.find(query(where("state").in(CampaignState.SENDING, CampaignState.PAUSED)), Campaign.class);
	}

	/** The campaigns in the public archive, newest first. */
	List<Campaign> archived() {
		return mongo.find(query(where("archive").is(true).and("state")
			.in(CampaignState.SENDING, CampaignState.PAUSED, CampaignState.SENT))
			.with(Sort.by(Sort.Direction.DESC, "startedAt")), Campaign.class);
	}
}
