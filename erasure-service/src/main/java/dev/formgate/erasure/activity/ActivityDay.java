package dev.formgate.erasure.activity;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;
import java.util.Map;

/**
 * One calendar day's counts. Not personal data: numbers only, no subjectRef, so it is not in this service's inventory.
 * {@code eventIds} are the CloudEvents ids counted (random UUIDs, not linked to anyone), kept for a while so that a
 * redelivered event counts once; the count and the id go into the document in the same write. A figure nothing has
 * counted yet is absent (null).
 */
@Document(ActivityDay.COLLECTION)
record ActivityDay(@Id String date, Long consentsRequested, Long consentsConfirmed, Map<String, Long> unsubscribes,
		Long expiredSignUps, Long contactRequestsReceived, Long contactRequestsClosed, List<String> eventIds) {

	static final String COLLECTION = "activity_days";
}
