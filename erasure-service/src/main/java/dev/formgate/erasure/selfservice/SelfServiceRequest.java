package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.mail.LinkTokens;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OwedMail;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

import java.time.Instant;
import java.util.UUID;

/**
 * A request made on the "Meine Daten" page, until the person confirmed it from their mailbox and it was filed with
 * the ledger; afterwards the link to it shows the ledger's progress. The address is kept only until the person
 * confirmed (a corrected address until it was confirmed too); the link's secret only as a hash. The document goes when
 * the link expires ({@link #expiresAt}).
 */
@Document("self_service_requests")
class SelfServiceRequest {

	/** What the document owes the person's inbox. */
	enum Mail {
		/** The link to the address the request names. */
		VERIFICATION,
		/** Rectification: the link to the corrected address, once the old one confirmed. */
		NEW_ADDRESS_VERIFICATION
	}

	enum State {
		/** The link went (or goes) to the address; nothing is filed. */
		AWAITING_CONFIRMATION,
		/** Rectification: the old address confirmed, the new one must confirm too. */
		AWAITING_NEW_ADDRESS,
		/** Filed with the ledger under {@link #privacyRequestId}. */
		FILED
	}

	/** Which address a link was mailed to. */
	enum Address {
		REQUESTING, NEW
	}

	@Id
	private String id;

	@Version
	private Long version;

	private RequestType type;

	/** Objection only: the purpose objected to. */
	private String purpose;

	private String language;

	private String subjectRef;

	/** The address the link goes to; null once the person confirmed. */
	private String email;

	/** Rectification: the corrected address; null once the request is filed. */
	private String newEmail;

	private State state;

	private String tokenHash;

	private String newAddressTokenHash;

	private Instant requestedAt;

	private Instant confirmedAt;

	private Instant filedAt;

	/** The id the request is filed with in the ledger, chosen up front so that it is filed once. */
	private String privacyRequestId;

	/** When the link stops working and the document is deleted. */
	@Indexed
	private Instant expiresAt;

	@Unwrapped.Empty
	private Outbox outbox = new Outbox();

	protected SelfServiceRequest() {
	}

	static SelfServiceRequest requested(RequestType type, String purpose, String language, String subjectRef,
			String email, String newEmail, Instant now, Instant expiresAt) {
		SelfServiceRequest r = new SelfServiceRequest();
		r.id = UUID.randomUUID().toString();
		r.type = type;
		r.purpose = purpose;
		r.language = language;
		r.subjectRef = subjectRef;
		r.email = email;
		r.newEmail = newEmail;
		r.state = State.AWAITING_CONFIRMATION;
		r.privacyRequestId = UUID.randomUUID().toString();
		r.requestedAt = now;
		r.expiresAt = expiresAt;
		r.outbox.owe(OwedMail.of(Mail.VERIFICATION, now), now);
		return r;
	}

	/**
	 * A request the author of a comment made through the comment's private link (docs/privacy.md, "The author's
	 * private link"): filed at once, as there is no address to verify; this document only gives the person the status
	 * link, whose secret is kept as its hash.
	 */
	static SelfServiceRequest filedThroughComment(String id, RequestType type, String purpose, String language,
			String subjectRef, String privacyRequestId, String tokenHash, Instant now, Instant statusUntil) {
		SelfServiceRequest r = new SelfServiceRequest();
		r.id = id;
		r.type = type;
		r.purpose = purpose;
		r.language = language;
		r.subjectRef = subjectRef;
		r.tokenHash = tokenHash;
		r.privacyRequestId = privacyRequestId;
		r.requestedAt = now;
		r.state = State.AWAITING_CONFIRMATION;
		r.filed(now, statusUntil);
		return r;
	}

	/** The link's secret for the address the mail goes to now; the hash is kept, the secret goes into the mail. */
	void linkIssued(Address to, String hash) {
		if (to == Address.NEW) {
			newAddressTokenHash = hash;
		}
		else {
			tokenHash = hash;
		}
	}

	/** Which address this link's secret was mailed to, if it is one of this request's. */
	Address addressOf(String secret) {
		if (LinkTokens.matches(secret, tokenHash)) {
			return Address.REQUESTING;
		}
		if (LinkTokens.matches(secret, newAddressTokenHash)) {
			return Address.NEW;
		}
		return null;
	}

	/** A rectification confirmed at the old address: the corrected address must confirm too. */
	void awaitNewAddress(Instant now, Instant linkExpiresAt) {
		state = State.AWAITING_NEW_ADDRESS;
		confirmedAt = now;
		email = null;
		expiresAt = linkExpiresAt;
		outbox.owe(OwedMail.of(Mail.NEW_ADDRESS_VERIFICATION, now), now);
	}

	/** Confirmed and filed with the ledger: the addresses are no longer needed here. */
	void filed(Instant now, Instant statusUntil) {
		state = State.FILED;
		if (confirmedAt == null) {
			confirmedAt = now;
		}
		filedAt = now;
		email = null;
		newEmail = null;
		expiresAt = statusUntil;
		outbox.dropMails(mail -> true);
	}

	boolean isExpired(Instant now) {
		return !expiresAt.isAfter(now);
	}

	String id() {
		return id;
	}

	RequestType type() {
		return type;
	}

	String purpose() {
		return purpose;
	}

	String language() {
		return language;
	}

	String subjectRef() {
		return subjectRef;
	}

	String email() {
		return email;
	}

	String newEmail() {
		return newEmail;
	}

	State state() {
		return state;
	}

	Instant requestedAt() {
		return requestedAt;
	}

	Instant expiresAt() {
		return expiresAt;
	}

	String privacyRequestId() {
		return privacyRequestId;
	}

	Outbox outbox() {
		return outbox;
	}

	@Override
	public String toString() {
		return "SelfServiceRequest[" + id + ", " + type + ", " + state + "]"; // never the addresses
	}
}
