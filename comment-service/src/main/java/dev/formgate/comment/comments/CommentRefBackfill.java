package dev.formgate.comment.comments;

import dev.formgate.comment.evidence.EvidenceLog;
import dev.formgate.events.SubjectRefs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives comments and evidence stored before they carried their comment's own reference that reference, once at start,
 * so that a privacy request by comment id reaches them too (docs/privacy.md, "Requests by comment id"). Idempotent:
 * a document that has one keeps it.
 */
@Component
class CommentRefBackfill {

	private static final Logger log = LoggerFactory.getLogger(CommentRefBackfill.class);

	private final Comments comments;
	private final EvidenceLog evidence;
	private final SubjectRefs subjectRefs;

	CommentRefBackfill(Comments comments, EvidenceLog evidence, SubjectRefs subjectRefs) {
		this.comments = comments;
		this.evidence = evidence;
		this.subjectRefs = subjectRefs;
	}

	@EventListener(ApplicationReadyEvent.class)
	void backfill() {
		try {
			var ids = comments.withoutCommentRef();
			ids.forEach(id -> comments.setCommentRef(id, subjectRefs.ofComment(id).value()));
			long entries = evidence.addCommentRefs(subjectRefs::ofComment);
			if (!ids.isEmpty() || entries > 0) {
				log.info("Comment references added to {} comments and {} evidence entries", ids.size(), entries);
			}
		}
		catch (RuntimeException e) {
			// The store is down: the service starts anyway, and the next start tries again.
			log.warn("Adding comment references failed ({}); retried at the next start", e.getClass().getSimpleName());
		}
	}
}
