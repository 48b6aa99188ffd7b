package dev.formgate.erasure.observability;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.testing.ApiDocsContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's admin API is described with the privacy-admin role and problem answers (the shared contract). */
@ErasureServiceTest
class ApiDocsIntegrationTests extends ApiDocsContract {

	@Override
	protected List<AdminCall> adminCalls() {
		return List.of(new AdminCall("/api/admin/privacy-requests", "post", "privacy-admin", "400"));
	}

	@Override
	protected List<PublicCall> publicCalls() {
		return List.of();
	}

	@Test
	void describesReceiptsAndTheInventory() {
		var paths = document().get("paths");

		assertThat(paths.has("/api/admin/privacy-requests/{id}/receipt")).isTrue();
		assertThat(paths.has("/api/admin/inventory")).isTrue();
	}
}
