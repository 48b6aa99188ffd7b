package dev.formgate.privacy;

/**
 * A request this store could not answer now; the binder retries it and then dead-letters it. It names the request
 * type and id and the failure's class only: neither the cause's message (a driver may quote values) nor the request
 * travel into logs or dead-letter headers.
 */
class PrivacyRequestNotAnswered extends RuntimeException {

	PrivacyRequestNotAnswered(String store, String type, String requestId, Throwable cause) {
		super(store + " could not answer " + type + " " + requestId + " (" + cause.getClass().getSimpleName() + ")",
				null, false, true);
	}
}
