package dev.formgate.infra.bench.bare;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps Formgate's own auto-configurations (from {@code formgate-shared}, which the harness's jar carries) out of the
 * bare applications: they are measured as Spring Boot gives them, nothing of Formgate added.
 */
public final class WithoutFormgate implements AutoConfigurationImportFilter {

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			match[i] = autoConfigurationClasses[i] == null || !autoConfigurationClasses[i].startsWith("dev.formgate.");
		}
		return match;
	}
}
