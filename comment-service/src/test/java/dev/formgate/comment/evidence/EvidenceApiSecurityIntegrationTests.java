package dev.formgate.comment.evidence;

import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.testing.AdminApiSecurityContract;

import java.util.List;

/** Only the privacy officer discloses evidence or holds it; a moderator cannot. */
@CommentServiceTest
class EvidenceApiSecurityIntegrationTests extends AdminApiSecurityContract {

	static final String API = "/api/admin/comments/some-id";

	@Override
	protected String role() {
		return AdminRoles.PRIVACY_ADMIN;
	}

	@Override
	protected List<Call> calls() {
		return List.of(new Call("POST", API + "/evidence", "{\"reason\":\"court order 1 O 23/26\"}"),
				new Call("PUT", API + "/legal-hold", "{\"reason\":\"claim pending\"}"),
				new Call("DELETE", API + "/legal-hold", null), new Call("GET", API + "/legal-hold", null),
				new Call("GET", "/api/admin/comments/legal-holds", null));
	}
}
