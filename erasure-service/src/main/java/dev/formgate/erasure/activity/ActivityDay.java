package dev.formgate.erasure.activity;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;
import java.util.Map;

/**
 * One calendar day's settled counts. Not personal data: numbers only, no subjectRef, so it is not in this service's
 * inventory. Events counted within the retention of event ids are not in it yet: they are {@link CountedEvent}s,
 * which the report adds. A figure nothing has counted yet is absent (null).
 *
 * @param batches the settlements already added to this day whose counted events may not all be deleted yet, so that
 * a settlement repeated after a crash adds nothing twice; emptied once they are
 */
@Document(ActivityDay.COLLECTION)
record ActivityDay(@Id String date, Long consentsRequested, Long consentsConfirmed, Map<String, Long> unsubscribes,
		Long expiredSignUps, Long contactRequestsReceived, Long contactRequestsClosed, Long bounces, Long complaints,
		Long commentsPosted, Long commentsPublished, Long commentsRejected, Long commentsRemoved, List<String> batches) {

	static final String COLLECTION = "activity_days";

	static final String BATCHES = "batches";

	/** What days written before counted events existed kept: every id they counted, in the day itself. */
	static final String LEGACY_EVENT_IDS = "eventIds";
}
