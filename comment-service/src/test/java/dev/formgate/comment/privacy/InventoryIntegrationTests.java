package dev.formgate.comment.privacy;

import dev.formgate.comment.support.CommentServiceTest;
import dev.formgate.testing.InventoryContract;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's inventory keeps the shared contract; the evidence log has its own collection, its basis Art. 6(1)(f)
 * and its configured period, and the notification address is its own category.
 */
@CommentServiceTest
class InventoryIntegrationTests extends InventoryContract {

	@Override
	protected String store() {
		return "comment-service";
	}

	@Override
	protected Set<String> collections() {
		return Set.of("comments", "comment_evidence", "restrictions", "privacy_answers");
	}

	@Override
	protected String codePackage() {
		return "dev.formgate.comment";
	}

	@Test
	void declaresTheEvidenceLogApartWithItsBasisAndPeriodAndTheNotificationAddress() {
		assertThat(announced().legalHolds()).as("evidence can be held for a claim").isTrue();
		assertThat(announced().categories()).filteredOn(c -> c.collection().equals("comment_evidence"))
			.singleElement().satisfies(c -> {
				assertThat(c.legalBasis()).isEqualTo("Art. 6(1)(f) GDPR");
				assertThat(c.retention()).startsWith("30d after posting");
				assertThat(c.fields()).anySatisfy(f -> assertThat(f).contains("client address"));
			});
		assertThat(announced().categories()).filteredOn(c -> c.collection().equals("comments"))
			.anySatisfy(c -> assertThat(c.fields()).anySatisfy(f -> assertThat(f).contains("e-mail address")));
	}
}
