package dev.formgate.contact.mail;

import java.time.Instant;

/**
 * What the staff mail says about a request.
 *
 * @param inbox the topic's staff address
 * @param topicTitle the topic as staff know it (German)
 * @param name the sender's name, may be null
 * @param email the sender's address: the mail's Reply-To
 * @param retentionDays how long after closing the request is deleted
 */
public record StaffNotification(String inbox, String topicTitle, String requestId, Instant receivedAt, String name,
		String email, String subject, String message, long retentionDays) {
}
