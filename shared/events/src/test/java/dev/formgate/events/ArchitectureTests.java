package dev.formgate.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The event contracts need nothing but the JDK and Jackson's annotations: any producer or consumer can use them. */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.formgate.events");

	@Test
	void eventsNeedNoSpringAndNoOtherFormgateModule() {
		noClasses().that().resideInAPackage("dev.formgate.events..").should().dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.servlet..", "dev.formgate.web..", "dev.formgate.outbox..",
					"dev.formgate.security..", "dev.formgate.privacy..", "dev.formgate.consumer..")
			.check(CLASSES);
	}
}
