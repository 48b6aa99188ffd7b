package dev.formgate.comment.comments;

import dev.formgate.events.CommentEvent;
import dev.formgate.events.CommentEvent.CommentRemoved.RemovedBy;
import dev.formgate.events.CommentId;
import dev.formgate.events.SubjectRef;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxEvent;
import dev.formgate.outbox.OwedMail;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

import java.time.Instant;

/**
 * One comment on one post. The document carries its own outbox (events and the publication notice not yet handed
 * on), so a moderation step and the duty to announce it are one single-document write. The client address is not
 * here: it is in the evidence log, apart.
 */
@Document(Comment.COLLECTION)
@CompoundIndex(name = "post_state_posted", def = "{'site': 1, 'post': 1, 'state': 1, 'postedAt': 1}")
@CompoundIndex(name = "state_posted", def = "{'state': 1, 'postedAt': 1}")
@CompoundIndex(name = "state_changed", def = "{'state': 1, 'changedAt': 1}")
class Comment {

	static final String COLLECTION = "comments";

	@Id
	private String id;

	@Version
	private Long version;

	private String site;

	private String post;

	private CommentState state;

	/** The author's reference (HMAC of the notification address); null when they gave none. */
	@Indexed(sparse = true)
	private String subjectRef;

	/**
	 * The reference of whoever wrote this comment, from its id (docs/privacy.md, "Requests by comment id"): a privacy
	 * request that names the comment instead of an address reaches it by this.
	 */
	@Indexed(sparse = true)
	private String commentRef;

	// What the author wrote: gone once the comment is rejected, removed or erased.
	private String displayName;

	private String text;

	/** Only to tell the author the comment is published; deleted once told, or when the comment ends otherwise. */
	private String email;

	private String language;

	/** SHA-256 of the author's private delete token. */
	private String deleteTokenHash;

	private Instant postedAt;

	private Instant publishedAt;

	private Instant changedAt;

	/** Why a moderator took it down; a moderator's words about the comment, not the author's. */
	private String removalReason;

	private String changedBy;

	/** Processing restricted (Art. 18): not shown, not moderated, until lifted. */
	private boolean restricted;

	/** Set when the comment is erased or deleted by its author; the document follows once its event is relayed. */
	private Instant erasedAt;

	@Unwrapped.Empty
	private Outbox outbox = new Outbox();

	/** The mails a comment owes. */
	enum Mail {
		/** To the author who asked: the comment is published. Fixed text, nothing the author wrote. */
		PUBLISHED_NOTICE
	}

	protected Comment() {
	}

	static Comment posted(String id, SubjectRef commentRef, NewComment comment, SubjectRef subjectRef,
			String deleteTokenHash, boolean publishAtOnce, Instant now) {
		Comment c = new Comment();
		c.id = id;
		c.commentRef = commentRef.value();
		c.site = comment.site();
		c.post = comment.post();
		c.subjectRef = subjectRef == null ? null : subjectRef.value();
		c.displayName = comment.displayName();
		c.text = comment.text();
		c.email = comment.email();
		c.language = comment.language();
		c.deleteTokenHash = deleteTokenHash;
		c.postedAt = now;
		c.changedAt = now;
		c.state = CommentState.PENDING;
		c.record(new CommentEvent.CommentPosted(c.commentId(), c.subjectRef(), c.site, c.post, !publishAtOnce, now),
				now);
		if (publishAtOnce) {
			c.publish(null, now);
		}
		return c;
	}

	/**
	 * A moderator's decision; false if the comment is there already (a repeated call changes nothing).
	 *
	 * @param reason why a published comment is removed (required then), else ignored
	 */
	boolean moveTo(CommentState next, String reason, String by, Instant now) {
		if (next == state) {
			return false;
		}
		if (!state.canMoveTo(next)) {
			throw new IllegalStateChange(state, next);
		}
		switch (next) {
			case PUBLISHED -> publish(by, now);
			case REJECTED -> {
				forget();
				state = CommentState.REJECTED;
				record(new CommentEvent.CommentRejected(commentId(), subjectRef(), site, post, now), now);
			}
			case REMOVED -> {
				forget();
				state = CommentState.REMOVED;
				removalReason = reason;
				record(new CommentEvent.CommentRemoved(commentId(), subjectRef(), site, post, RemovedBy.MODERATOR, now),
						now);
			}
			case PENDING -> throw new IllegalStateChange(state, next);
		}
		changedAt = now;
		changedBy = by;
		return true;
	}

	private void publish(String by, Instant now) {
		state = CommentState.PUBLISHED;
		publishedAt = now;
		changedAt = now;
		changedBy = by;
		record(new CommentEvent.CommentPublished(commentId(), subjectRef(), site, post, now), now);
		if (email != null) {
			outbox.owe(OwedMail.of(Mail.PUBLISHED_NOTICE, now), now);
		}
	}

	/**
	 * The author's own deletion or an erasure: everything goes now, the document once its event is out. A comment
	 * that never got further than rejection or removal announces nothing more.
	 */
	void erase(RemovedBy by, Instant now) {
		if (state.holdsText()) {
			record(new CommentEvent.CommentRemoved(commentId(), subjectRef(), site, post, by, now), now);
		}
		forget();
		deleteTokenHash = null;
		removalReason = null;
		state = CommentState.REMOVED;
		erasedAt = now;
		changedAt = now;
	}

	/** A comment under a legal hold is taken down for an erasure, but what it said is kept for the claim. */
	void takeDownForErasure(Instant now) {
		if (state == CommentState.PUBLISHED || state == CommentState.PENDING) {
			record(new CommentEvent.CommentRemoved(commentId(), subjectRef(), site, post, RemovedBy.ERASURE, now), now);
			state = CommentState.REMOVED;
			email = null;
			outbox.dropMails(m -> true);
			changedAt = now;
		}
	}

	/** The address has served its purpose (the notice went out) or the comment will not be published. */
	void forgetAddress() {
		email = null;
	}

	private void forget() {
		displayName = null;
		text = null;
		email = null;
		outbox.dropMails(m -> true);
	}

	void restrict(boolean restricted) {
		this.restricted = restricted;
	}

	/** Art. 16: the corrected notification address, and its reference. */
	void rectify(SubjectRef newSubjectRef, String newEmail, Instant now) {
		subjectRef = newSubjectRef.value();
		if (email != null) {
			email = newEmail;
		}
		changedAt = now;
	}

	private void record(CommentEvent event, Instant now) {
		outbox.record(OutboxEvent.of(event.key(), event, now), now);
	}

	/** True if the subject is the author's notification address or this comment's own reference. */
	boolean concerns(SubjectRef subject) {
		return subject.value().equals(subjectRef) || subject.value().equals(commentRef);
	}

	boolean isErased() {
		return erasedAt != null;
	}

	boolean isGoneOnceRelayed() {
		return erasedAt != null && !outbox.owesEvents();
	}

	boolean isShown() {
		return state == CommentState.PUBLISHED && !restricted && erasedAt == null;
	}

	String id() {
		return id;
	}

	CommentId commentId() {
		return new CommentId(id);
	}

	SubjectRef subjectRef() {
		return subjectRef == null ? null : new SubjectRef(subjectRef);
	}

	String site() {
		return site;
	}

	String post() {
		return post;
	}

	CommentState state() {
		return state;
	}

	String displayName() {
		return displayName;
	}

	String text() {
		return text;
	}

	String email() {
		return email;
	}

	String language() {
		return language;
	}

	String deleteTokenHash() {
		return deleteTokenHash;
	}

	Instant postedAt() {
		return postedAt;
	}

	Instant publishedAt() {
		return publishedAt;
	}

	Instant changedAt() {
		return changedAt;
	}

	String changedBy() {
		return changedBy;
	}

	String removalReason() {
		return removalReason;
	}

	boolean restricted() {
		return restricted;
	}

	Outbox outbox() {
		return outbox;
	}
}
