package dev.formgate.comment.retention;

import dev.formgate.comment.comments.CommentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Applies {@code formgate.comment.retention}: evidence past its period goes (legal holds excepted), with the rejected
 * and removed comments it belonged to, and so do comments no moderator decided on in time. Each run is logged with
 * counts and comment ids only.
 */
@Component
class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final CommentService comments;

	RetentionJob(CommentService comments) {
		this.comments = comments;
	}

	@Scheduled(initialDelayString = "${formgate.comment.retention.interval:1h}",
			fixedDelayString = "${formgate.comment.retention.interval:1h}")
	void apply() {
		try {
			var evidence = comments.purgeEvidence();
			List<String> unmoderated = comments.purgeUnmoderated();
			if (evidence.entries() + evidence.comments() > 0 || !unmoderated.isEmpty()) {
				log.info("Retention: {} evidence entries and {} rejected or removed comments deleted; {} comments "
						+ "never moderated deleted {}", evidence.entries(), evidence.comments(), unmoderated.size(), unmoderated);
			}
		}
		catch (RuntimeException e) {
			log.warn("Retention run failed ({}), will run again", e.getClass().getSimpleName());
		}
	}
}
