package dev.formgate.newsletter.observability;

import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.testing.ApiDocsContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service describes its HTTP API (the shared contract), and the pages mail links open answer with pages. */
@NewsletterServiceTest
class ApiDocsIntegrationTests extends ApiDocsContract {

	@Override
	protected List<AdminCall> adminCalls() {
		return List.of(new AdminCall("/api/admin/newsletter/unsubscriptions", "post", "newsletter-editor", "403"));
	}

	@Override
	protected List<PublicCall> publicCalls() {
		return List.of(new PublicCall("/api/newsletter/subscriptions", "post"),
				new PublicCall("/newsletter/confirm", "post"), new PublicCall("/newsletter/unsubscribe", "post"));
	}

	@Test
	void describesTheConfirmPageRefusingABadLinkWithAPage() {
		assertThat(document().get("paths").get("/newsletter/confirm").get("post").get("responses").get("400")
			.get("content").has("text/html")).isTrue();
	}
}
