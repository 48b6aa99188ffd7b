package dev.formgate.comment.evidence;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of one comment (its id is the comment's): the client address as the gateway resolved it and when the
 * comment was posted. Never published, never on Kafka or in a log; each disclosure is recorded with its reason.
 */
@Document(EvidenceLog.COLLECTION)
class Evidence {

	@Id
	private String id;

	@Version
	private Long version;

	private String site;

	private String post;

	@Indexed(sparse = true)
	private String subjectRef;

	/** The comment's own reference (docs/privacy.md, "Requests by comment id"). */
	@Indexed(sparse = true)
	private String commentRef;

	private String clientAddress;

	@Indexed
	private Instant postedAt;

	private LegalHold legalHold;

	private List<Disclosure> disclosures = new ArrayList<>();

	protected Evidence() {
	}

	Evidence(String commentId, String site, String post, String subjectRef, String commentRef, String clientAddress,
			Instant postedAt) {
		this.id = commentId;
		this.commentRef = commentRef;
		this.site = site;
		this.post = post;
		this.subjectRef = subjectRef;
		this.clientAddress = clientAddress;
		this.postedAt = postedAt;
	}

	Disclosure disclose(String reason, String by, Instant now) {
		Disclosure disclosure = new Disclosure(now, by, reason);
		disclosures.add(disclosure);
		return disclosure;
	}

	void hold(String reason, String by, Instant now) {
		legalHold = new LegalHold(reason, now, by);
	}

	void release() {
		legalHold = null;
	}

	void moveTo(String newSubjectRef) {
		subjectRef = newSubjectRef;
	}

	String id() {
		return id;
	}

	String site() {
		return site;
	}

	String post() {
		return post;
	}

	String subjectRef() {
		return subjectRef;
	}

	String clientAddress() {
		return clientAddress;
	}

	Instant postedAt() {
		return postedAt;
	}

	LegalHold legalHold() {
		return legalHold;
	}

	List<Disclosure> disclosures() {
		return List.copyOf(disclosures);
	}
}
