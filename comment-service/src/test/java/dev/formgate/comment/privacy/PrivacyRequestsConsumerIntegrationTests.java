package dev.formgate.comment.privacy;

import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.testing.PrivacyRequestsConsumerContract;

/** comment-service's {@code privacy.requests} consumer keeps the shared contract. */
@CommentServiceTest
class PrivacyRequestsConsumerIntegrationTests extends PrivacyRequestsConsumerContract {

	@Override
	protected String store() {
		return "comment-service";
	}

	@Override
	protected String deadLettersPath() {
		return "/api/admin/comment/dead-letters";
	}
}
