package dev.formgate.newsletter.campaign;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.util.List;

/**
 * A slice of a campaign's recipients, fixed when the campaign started: the unit of work one instance takes from the
 * work topic. Holds references only (subjectRef, subscription id, list), never an address; each entry is marked the
 * moment its mail was accepted, refused or skipped, so a slice taken over after a crash goes on where the marks end.
 * An instance holds a slice under a lease it renews with every mark; another may take it only once that runs out.
 * Deleted with its campaign's other slices once the campaign is over.
 *
 * @param listIndex where the selection stood after this slice: the list's index in the campaign
 * @param lastId and the last subscription id taken from that list
 * @param retryAt when a slice given up for now (the SMTP server could not be reached) is due again
 * @param touchedAt when it was last handed to the work topic or made progress
 */
@Document("campaign_slices")
@CompoundIndex(name = "campaign_done", def = "{'campaignId': 1, 'done': 1}")
record Slice(@Id String id, String campaignId, int number, int listIndex, String lastId, List<Entry> entries,
		boolean done, String owner, Instant leaseUntil, Instant retryAt, Instant touchedAt) {

	/** One recipient; {@code mark} is null until their mail went out, was refused or skipped. */
	record Entry(@Field("s") String subjectRef, @Field("i") String subscriptionId, @Field("t") String list,
			@Field("m") Mark mark) {
	}

	enum Mark {
		SENT, FAILED, SKIPPED
	}

	static String id(String campaignId, int number) {
		return campaignId + "-" + String.format("%07d", number);
	}

	static Slice of(String campaignId, int number, int listIndex, String lastId, List<Entry> entries, Instant now) {
		return new Slice(id(campaignId, number), campaignId, number, listIndex, lastId, entries, false, null, null,
				null, now);
	}
}
