package dev.formgate.comment;

import dev.formgate.testing.ProdProfileContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile has no default credentials (the shared contract), no default sender and no default sites. */
class ProdProfileTests extends ProdProfileContract {

	@Override
	protected Class<?> application() {
		return CommentApplication.class;
	}

	@Override
	protected String database() {
		return "formgate-comment";
	}

	@Override
	protected List<Setting> serviceSettings() {
		return List.of(new Setting("FORMGATE_COMMENT_MAIL_FROM", "Kommentare <kommentare@example.org>",
				"formgate.comment.mail.from", false));
	}

	@Override
	protected Map<String, String> given() {
		return Map.of("SMTP_HOST", "127.0.0.1", "formgate.comment.sites.www.title", "Beispiel");
	}

	@Test
	void refusesToStartWithoutSites() {
		assertThatThrownBy(() -> startProd(without("formgate.comment.sites.www.title")))
			.hasStackTraceContaining("formgate.comment.sites");
	}
}
