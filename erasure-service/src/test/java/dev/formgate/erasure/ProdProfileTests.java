package dev.formgate.erasure;

import dev.formgate.testing.ProdProfileContract;

import java.util.List;
import java.util.Map;

/** The prod profile has no default credentials (the shared contract). */
class ProdProfileTests extends ProdProfileContract {

	@Override
	protected Class<?> application() {
		return ErasureApplication.class;
	}

	@Override
	protected String database() {
		return "formgate-erasure";
	}

	@Override
	protected List<Setting> serviceSettings() {
		return List.of();
	}

	@Override
	protected Map<String, String> given() {
		return Map.of("SMTP_HOST", "127.0.0.1");
	}
}
