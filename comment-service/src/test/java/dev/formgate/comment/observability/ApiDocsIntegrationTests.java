package dev.formgate.comment.observability;

import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.testing.ApiDocsContract;

import java.util.List;

/** The service describes its HTTP API: the public calls, moderation and evidence with token and role. */
@CommentServiceTest
class ApiDocsIntegrationTests extends ApiDocsContract {

	@Override
	protected List<AdminCall> adminCalls() {
		return List.of(new AdminCall("/api/admin/comments/{id}/state", "put", "comment-moderator", "401"),
				new AdminCall("/api/admin/comments/moderation", "post", "comment-moderator", "403"),
				new AdminCall("/api/admin/comments/{id}/evidence", "post", "privacy-admin", "401"));
	}

	@Override
	protected List<PublicCall> publicCalls() {
		return List.of(new PublicCall("/api/comments", "post"), new PublicCall("/api/comments", "get"),
				new PublicCall("/api/comments/delete", "post"));
	}
}
