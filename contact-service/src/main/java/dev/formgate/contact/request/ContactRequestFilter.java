package dev.formgate.contact.request;

import java.time.Duration;

/**
 * Which requests staff want to see; every part is optional.
 *
 * @param state only requests in this state
 * @param topic only requests on this topic
 * @param olderThan only requests received longer ago than this
 * @param overdue only open requests received longer ago than {@code formgate.contact.overdue-after}
 */
public record ContactRequestFilter(ContactRequestState state, String topic, Duration olderThan, boolean overdue) {
}
