package dev.formgate.comment.comments;

import dev.formgate.comment.evidence.EvidenceLog;
import dev.formgate.events.CommentEvent.CommentRemoved.RemovedBy;
import dev.formgate.events.SubjectRef;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.privacy.Restrictions;
import dev.formgate.privacy.SubjectData;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The data-subject rights on this store, by subjectRef: the notification address's the author gave, or a comment's
 * own for a request that names the comment (docs/privacy.md, "Requests by comment id"): erasure (legal
 * holds excepted), objection to the evidence log, export, restriction and rectification. Each operation is
 * idempotent, as a request may be carried out again after a crash.
 */
@Service
public class SubjectRights implements SubjectData {

	private final Comments comments;
	private final EvidenceLog evidence;
	private final Restrictions restrictions;
	private final OutboxRelay<Comment> relay;
	private final PublishedComments published;
	private final Clock clock;

	SubjectRights(Comments comments, EvidenceLog evidence, Restrictions restrictions, OutboxRelay<Comment> relay,
			PublishedComments published, Clock clock) {
		this.comments = comments;
		this.evidence = evidence;
		this.restrictions = restrictions;
		this.relay = relay;
		this.published = published;
		this.clock = clock;
	}

	/** What erasure would delete, and what a legal hold keeps. */
	public record Erasable(long comments, long evidence, long held, long restrictions) {

		public boolean isEmpty() {
			return comments + evidence + held + restrictions == 0;
		}
	}

	public Erasable erasable(SubjectRef subject) {
		List<EvidenceLog.Entry> entries = evidence.ofSubject(subject);
		long held = entries.stream().filter(e -> e.legalHold() != null).count();
		long heldComments = comments.ofSubject(subject.value()).stream().filter(c -> evidence.isHeld(c.id())).count();
		long erasableComments = comments.ofSubject(subject.value()).size() - heldComments;
		long restricted = restrictions.since(subject).isPresent() && held == 0 ? 1 : 0;
		return new Erasable(erasableComments, entries.size() - held, held, restricted);
	}

	/**
	 * Art. 17: the subject's comments and their evidence are deleted (not anonymised: a comment's text can name its
	 * author however the name field is emptied). A comment whose evidence is under legal hold is taken down and kept,
	 * with its evidence, for the claim (Art. 17(3)(e)), and the restriction while any is.
	 */
	public void erase(SubjectRef subject) {
		Instant now = clock.instant();
		for (Comment found : comments.ofSubject(subject.value())) {
			boolean held = evidence.isHeld(found.id());
			boolean changed = comments.update(found.id(), c -> {
				if (c == null || c.isErased() || !c.concerns(subject)) {
					return false;
				}
				if (held) {
					c.takeDownForErasure(now);
				}
				else {
					c.erase(RemovedBy.ERASURE, now);
				}
				return true;
			});
			if (!held) {
				evidence.delete(found.id());
			}
			if (changed) {
				relay.wakeUp(found.id());
				published.changed(found.site(), found.post());
			}
		}
		evidence.ofSubject(subject).forEach(e -> evidence.delete(e.commentId()));
		if (evidence.ofSubject(subject).isEmpty()) {
			restrictions.lift(subject);
		}
	}

	/** How many of the subject's evidence entries an objection ends, and how many a legal hold keeps. */
	public record Objectable(long evidence, long held) {
	}

	public Objectable objectable(SubjectRef subject) {
		List<EvidenceLog.Entry> entries = evidence.ofSubject(subject);
		long held = entries.stream().filter(e -> e.legalHold() != null).count();
		return new Objectable(entries.size() - held, held);
	}

	/** Art. 21: the evidence processing ends (entries deleted) unless a legal hold keeps an entry. */
	public void object(SubjectRef subject) {
		evidence.ofSubject(subject).forEach(e -> evidence.delete(e.commentId()));
	}

	@Override
	public SubjectExport export(SubjectRef subject) {
		return new SubjectExport(comments.ofSubject(subject.value()).stream().map(SubjectExport.CommentData::of).toList(),
				evidence.ofSubject(subject).stream().map(SubjectExport.EvidenceData::of).toList(),
				restrictions.since(subject).orElse(null));
	}

	@Override
	public boolean holdsAnything(SubjectRef subject) {
		SubjectExport export = export(subject);
		return !export.comments().isEmpty() || !export.evidence().isEmpty() || export.restrictedSince() != null;
	}

	/** Art. 18: the subject's comments are no longer shown or moderated; kept as they are. */
	@Override
	public void restrict(SubjectRef subject) {
		restrictions.restrict(subject, clock.instant());
		forEach(subject, c -> {
			if (c.restricted()) {
				return false;
			}
			c.restrict(true);
			return true;
		});
	}

	@Override
	public void liftRestriction(SubjectRef subject) {
		restrictions.lift(subject);
		forEach(subject, c -> {
			if (!c.restricted()) {
				return false;
			}
			c.restrict(false);
			return true;
		});
	}

	/** Art. 16: the corrected notification address, on the comments that still have one, and the references. */
	@Override
	public void rectify(SubjectRef from, SubjectRef to, String newEmail) {
		Instant now = clock.instant();
		forEach(from, c -> {
			c.rectify(to, newEmail, now);
			return true;
		});
		evidence.rectify(from, to);
		restrictions.move(from, to);
	}

	private void forEach(SubjectRef subject, Predicate<Comment> change) {
		for (Comment found : comments.ofSubject(subject.value())) {
			boolean changed = comments.update(found.id(), c -> c != null && !c.isErased()
					&& c.concerns(subject) && change.test(c));
			if (changed) {
				relay.wakeUp(found.id());
				published.changed(found.site(), found.post());
			}
		}
	}
}
