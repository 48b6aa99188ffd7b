package dev.formgate.erasure.activity;

/** What is counted, and the field of a day's document that counts it. */
enum Figure {

	CONSENTS_REQUESTED("consentsRequested"), CONSENTS_CONFIRMED("consentsConfirmed"), UNSUBSCRIBES("unsubscribes"),
	EXPIRED_SIGN_UPS("expiredSignUps"), CONTACT_REQUESTS_RECEIVED("contactRequestsReceived"),
	CONTACT_REQUESTS_CLOSED("contactRequestsClosed"), BOUNCES("bounces"), COMPLAINTS("complaints"),
	COMMENTS_POSTED("commentsPosted"), COMMENTS_PUBLISHED("commentsPublished"), COMMENTS_REJECTED("commentsRejected"),
	COMMENTS_REMOVED("commentsRemoved");

	final String field;

	Figure(String field) {
		this.field = field;
	}
}
