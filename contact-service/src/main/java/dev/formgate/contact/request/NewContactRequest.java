package dev.formgate.contact.request;

/** A validated contact request: the topic is configured, every field within its limits, no control characters. */
public record NewContactRequest(String topic, String name, String email, String subject, String message,
		String language) {
}
