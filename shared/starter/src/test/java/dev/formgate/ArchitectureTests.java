package dev.formgate;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The web support knows no events and no outbox; no shared part knows a service. */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.formgate");

	@Test
	void webSupportKnowsNoEventsAndNoService() {
		noClasses().that().resideInAPackage("dev.formgate.web..").should().dependOnClassesThat()
			.resideInAnyPackage("dev.formgate.events..", "dev.formgate.outbox..", "dev.formgate.newsletter..", "dev.formgate.contact..",
					"dev.formgate.erasure..", "dev.formgate.gateway..")
			.check(CLASSES);
	}
}
