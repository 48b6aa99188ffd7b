package dev.formgate.newsletter.subscription;

/** PENDING → ACTIVE → UNSUBSCRIBED; PENDING → EXPIRED (personal data gone, deleted once its event is relayed). */
enum SubscriptionState {
	PENDING, ACTIVE, UNSUBSCRIBED, EXPIRED
}
