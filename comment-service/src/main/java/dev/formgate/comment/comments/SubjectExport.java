package dev.formgate.comment.comments;

import dev.formgate.comment.evidence.EvidenceLog;

import java.time.Instant;
import java.util.List;

/** Everything this store holds about a subject (Art. 15/20): their comments, the evidence log's entries, a restriction. */
public record SubjectExport(List<CommentData> comments, List<EvidenceData> evidence, Instant restrictedSince) {

	public record CommentData(String id, String site, String post, String state, String displayName, String text,
			String notificationAddress, Instant postedAt, Instant publishedAt) {

		static CommentData of(Comment c) {
			return new CommentData(c.id(), c.site(), c.post(), c.state().name(), c.displayName(), c.text(), c.email(),
					c.postedAt(), c.publishedAt());
		}
	}

	/** The client address logged with a comment, and how often it was disclosed. */
	public record EvidenceData(String commentId, String clientAddress, Instant postedAt, boolean legalHold,
			int disclosures) {

		static EvidenceData of(EvidenceLog.Entry e) {
			return new EvidenceData(e.commentId(), e.clientAddress(), e.postedAt(), e.legalHold() != null,
					e.disclosures().size());
		}
	}
}
