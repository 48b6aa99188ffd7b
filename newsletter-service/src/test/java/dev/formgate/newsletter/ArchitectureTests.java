package dev.formgate.newsletter;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Feature packages stay apart: mail knows no feature, the domain knows no web layer. */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.formgate.newsletter");

	@Test
	void mailKnowsNoSubscriptionInternals() {
		noClasses().that().resideInAnyPackage("..newsletter.mail..").should()
			.dependOnClassesThat().resideInAnyPackage("..subscription..", "..admin..", "..retention..")
			.check(CLASSES);
	}

	@Test
	void subscriptionDomainKnowsNoWebLayerOrCaller() {
		noClasses().that().resideInAPackage("dev.formgate.newsletter.subscription").should().dependOnClassesThat()
			.resideInAnyPackage("..subscription.web..", "..admin..", "..retention..")
			.check(CLASSES);
	}
}
