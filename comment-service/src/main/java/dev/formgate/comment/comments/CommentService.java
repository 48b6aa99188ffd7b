package dev.formgate.comment.comments;

import dev.formgate.comment.evidence.EvidenceLog;
import dev.formgate.events.CommentEvent.CommentRemoved.RemovedBy;
import dev.formgate.events.CommentId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.mail.LinkTokens;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Posting, moderation, the author's own deletion and retention. Every change of a comment is one versioned
 * single-document write; the evidence is written before the comment, so no comment is ever without it.
 */
@Service
public class CommentService {

	private final Comments comments;
	private final EvidenceLog evidence;
	private final CommentProperties properties;
	private final SubjectRefs subjectRefs;
	private final OutboxRelay<Comment> relay;
	private final PublishedComments published;
	private final Clock clock;

	CommentService(Comments comments, EvidenceLog evidence, CommentProperties properties, SubjectRefs subjectRefs,
			OutboxRelay<Comment> relay, PublishedComments published, Clock clock) {
		this.comments = comments;
		this.evidence = evidence;
		this.properties = properties;
		this.subjectRefs = subjectRefs;
		this.relay = relay;
		this.published = published;
		this.clock = clock;
	}

	/** What the public form needs to know about sites and posts, and the limits. */
	public CommentProperties properties() {
		return properties;
	}

	/** A stored comment and the private token that deletes it (shown to the author once, stored only as a hash). */
	public record Posted(String commentId, String deleteToken, CommentState state) {
	}

	/**
	 * Stores the comment (and, before it, its evidence) and the events it owes. Throws {@code comments-closed} for a
	 * closed post; the site and post are known (validated by the form).
	 */
	public Posted post(NewComment comment) {
		CommentProperties.Site site = properties.sites().get(comment.site());
		if (site.isClosed(comment.post())) {
			throw new ProblemException(ProblemType.COMMENTS_CLOSED);
		}
		Instant now = clock.instant();
		SubjectRef subject = comment.email() == null ? null : subjectRefs.of(comment.email());
		String token = LinkTokens.newToken();
		String id = UUID.randomUUID().toString();
		SubjectRef commentRef = subjectRefs.ofComment(id);
		Comment posted = Comment.posted(id, commentRef, comment, subject, LinkTokens.hash(token),
				site.publishAtOnce(), now);
		evidence.record(posted.id(), posted.site(), posted.post(), subject, commentRef, comment.clientAddress(), now);
		comments.insert(posted);
		relay.wakeUp(posted.id());
		if (posted.state() == CommentState.PUBLISHED) {
			published.changed(posted.site(), posted.post());
		}
		return new Posted(posted.id(), token, posted.state());
	}

	/** The post's published comments as shown: name, text and time, nothing else. */
	public PublishedComments.Thread published(String site, String post) {
		return published.of(site, post);
	}

	/**
	 * The author's own deletion with the private token: the comment and its evidence go (a legal hold keeps the
	 * evidence). A used, wrong or stale token changes nothing and gets the same {@code 410}.
	 */
	public void deleteByAuthor(String id, String token) {
		Comment deleted = comments.update(id, c -> {
			if (c == null || c.isErased() || !LinkTokens.matches(token, c.deleteTokenHash())) {
				return null;
			}
			c.erase(RemovedBy.AUTHOR, clock.instant());
			return c;
		});
		if (deleted == null) {
			throw new ProblemException(ProblemType.DELETE_LINK_INVALID);
		}
		evidence.delete(id);
		relay.wakeUp(id);
		published.changed(deleted.site(), deleted.post());
	}

	/**
	 * Whether the token is the private link's of this comment, as long as the comment is there: what the author's
	 * rights on the link's page rest on. Changes nothing.
	 */
	public boolean isAuthor(String id, String token) {
		if (id == null || token == null || !CommentId.isWellFormed(id)) {
			return false;
		}
		return comments.findVisible(id).map(c -> LinkTokens.matches(token, c.deleteTokenHash())).orElse(false);
	}

	public CommentPage find(CommentFilter filter, int page, int size) {
		List<Comment> found = comments.page(filter, page, size);
		return new CommentPage(found.stream().map(CommentDetails::of).toList(), comments.count(filter));
	}

	public CommentDetails get(String id) {
		return comments.findVisible(id).map(CommentDetails::of).orElseThrow(CommentNotFound::new);
	}

	/**
	 * A moderator's decision on one comment. Throws {@link IllegalStateChange} where moderation does not lead, {@link
	 * ProcessingRestricted} while the author's processing is restricted; the current state again is a no-op.
	 */
	public CommentDetails moveTo(String id, CommentState next, String reason, String by) {
		Comment moved = comments.update(id, c -> {
			if (c == null || c.isErased()) {
				throw new CommentNotFound();
			}
			if (c.restricted()) {
				throw new ProcessingRestricted();
			}
			c.moveTo(next, reason, by, clock.instant());
			return c;
		});
		relay.wakeUp(id);
		published.changed(moved.site(), moved.post());
		return CommentDetails.of(moved);
	}

	/** The same decision for many comments: each one on its own, each id with its outcome. */
	public Map<String, String> moveAll(List<String> ids, CommentState next, String reason, String by) {
		Map<String, String> outcomes = new LinkedHashMap<>();
		for (String id : ids) {
			try {
				outcomes.put(id, moveTo(id, next, reason, by).state().name());
			}
			catch (ProblemException refused) {
				outcomes.put(id, refused.type().slug());
			}
		}
		return outcomes;
	}

	/** Retention: comments no moderator decided on in time are deleted. Returns their ids. */
	public List<String> purgeUnmoderated() {
		Instant cutoff = clock.instant().minus(properties.retention().pending());
		List<String> purged = new ArrayList<>();
		for (Comment candidate : comments.pendingBefore(cutoff)) {
			boolean done = comments.update(candidate.id(), c -> {
				if (c == null || c.state() != CommentState.PENDING || c.isErased()
						|| !c.postedAt().isBefore(clock.instant().minus(properties.retention().pending()))) {
					return false;
				}
				c.erase(RemovedBy.RETENTION, clock.instant());
				return true;
			});
			if (done) {
				evidence.delete(candidate.id());
				relay.wakeUp(candidate.id());
				purged.add(candidate.id());
			}
		}
		return purged;
	}

	/**
	 * Retention: rejected and removed comments (no text left) go with their evidence's period, unless a legal hold
	 * keeps the evidence; the evidence log's own purge runs first. Returns how many evidence entries and comments went.
	 */
	public EvidencePurge purgeEvidence() {
		Instant cutoff = clock.instant().minus(properties.retention().evidence());
		long entries = evidence.purgePostedBefore(cutoff);
		long ended = 0;
		for (Comment candidate : comments.endedBefore(cutoff)) {
			if (evidence.isHeld(candidate.id())) {
				continue;
			}
			boolean done = comments.update(candidate.id(), c -> {
				if (c == null || c.isErased() || c.state().holdsText()) {
					return false;
				}
				c.erase(RemovedBy.RETENTION, clock.instant());
				return true;
			});
			if (done) {
				relay.wakeUp(candidate.id());
				ended++;
			}
		}
		return new EvidencePurge(entries, ended);
	}

	/** What one evidence purge deleted: entries of the log, and rejected or removed comments with them. */
	public record EvidencePurge(long entries, long comments) {
	}
}
