package dev.formgate.erasure.activity;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One counted event, and the count itself until it is settled into its day: the document's unique id is the event's
 * CloudEvents id, so inserting it counts the event and a redelivery's insert fails — one single-document write, which
 * either happened or did not, whatever crashes around it. Kept {@code formgate.activity.event-ids-retention} after it
 * was counted (the window in which a redelivery can come), then added to its day ({@link Settlement}) and deleted.
 * Not personal data: a random id, a date and the name of a figure.
 *
 * @param id the event's CloudEvents id
 * @param day the calendar day the event happened on ({@code YYYY-MM-DD})
 * @param figure the day's field it adds one to ({@code consentsRequested}, {@code unsubscribes.LINK}, …); none for ids
 * taken over from the days' former id lists, whose counts are in their days already
 * @param countedAt when it was counted: settled after the retention of event ids
 * @param batch the settlement that took it, until then none
 */
@Document(CountedEvent.COLLECTION)
record CountedEvent(@Id String id, String day, String figure, @Indexed Instant countedAt, String batch) {

	static final String COLLECTION = "activity_events";

	static final String DAY = "day";
	static final String FIGURE = "figure";
	static final String COUNTED_AT = "countedAt";
	static final String BATCH = "batch";
}
