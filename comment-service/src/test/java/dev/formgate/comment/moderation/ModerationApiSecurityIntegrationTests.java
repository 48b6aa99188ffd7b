package dev.formgate.comment.moderation;

import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.testing.AdminApiSecurityContract;

import java.util.List;

/** Only holders of the comment-moderator role reach the moderation API; the service checks the token itself. */
@CommentServiceTest
class ModerationApiSecurityIntegrationTests extends AdminApiSecurityContract {

	static final String API = "/api/admin/comments";

	@Override
	protected String role() {
		return AdminRoles.COMMENT_MODERATOR;
	}

	@Override
	protected List<Call> calls() {
		return List.of(new Call("GET", API, null), new Call("GET", API + "/some-id", null),
				new Call("PUT", API + "/some-id/state", "{\"state\":\"PUBLISHED\"}"),
				new Call("POST", API + "/moderation", "{\"ids\":[\"some-id\"],\"state\":\"REJECTED\"}"));
	}
}
