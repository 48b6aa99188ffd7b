package dev.formgate.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The gateway's feature packages stay apart. */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.formgate.gateway");

	@Test
	void clientAddressResolutionAndDemoPagesDoNotDependOnEachOther() {
		noClasses().that().resideInAPackage("..gateway.client..").should().dependOnClassesThat()
			.resideInAPackage("..gateway.demo..").check(CLASSES);
		noClasses().that().resideInAPackage("..gateway.demo..").should().dependOnClassesThat()
			.resideInAPackage("..gateway.client..").check(CLASSES);
	}

	@Test
	void featuresReachOnlyTheClientAddressAndTheErrorAnswersOfOtherFeatures() {
		for (String feature : new String[] { "abuse", "usage", "security", "demo", "privacy" }) {
			noClasses().that().resideInAPackage("..gateway." + feature + "..").should().dependOnClassesThat()
				.resideInAnyPackage(others(feature)).check(CLASSES);
		}
		noClasses().that().resideInAnyPackage("..gateway.client..", "..gateway.errors..").should()
			.dependOnClassesThat().resideInAnyPackage("..gateway.abuse..", "..gateway.usage..",
					"..gateway.security..", "..gateway.demo..", "..gateway.privacy..")
			.check(CLASSES);
	}

	@Test
	void nothingButTheConsoleKnowsTheConsoleAndTheAuditTrailServesEveryAdminCall() {
		noClasses().that().resideInAnyPackage("..gateway.abuse..", "..gateway.usage..", "..gateway.security..",
				"..gateway.demo..", "..gateway.privacy..", "..gateway.client..", "..gateway.errors..",
				"..gateway.audit..")
			.should().dependOnClassesThat().resideInAPackage("..gateway.console..").check(CLASSES);
		noClasses().that().resideInAPackage("..gateway.audit..").should().dependOnClassesThat()
			.resideInAnyPackage("..gateway.abuse..", "..gateway.demo..", "..gateway.usage..").check(CLASSES);
	}

	private static String[] others(String feature) {
		return Stream.of("abuse", "usage", "security", "demo", "privacy").filter(f -> !f.equals(feature))
			.map(f -> "..gateway." + f + "..").toArray(String[]::new);
	}
}
