package dev.formgate.erasure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Feature packages stay apart: the registry knows no ledger (the ledger listens to it), the accountability figures
 * know no other feature, the self-service requests build on the ledger, the domain knows no web layer, and the web
 * layers do not reach into each other.
 */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.formgate.erasure");

	@Test
	void registryKnowsNoLedger() {
		noClasses().that().resideInAPackage("..erasure.registry..").should().dependOnClassesThat()
			.resideInAnyPackage("..erasure.ledger..", "..erasure.retention..").check(CLASSES);
	}

	@Test
	void activityKnowsNoOtherFeature() {
		noClasses().that().resideInAPackage("..erasure.activity..").should().dependOnClassesThat()
			.resideInAnyPackage("..erasure.ledger..", "..erasure.registry..", "..erasure.retention..")
			.check(CLASSES);
	}

	@Test
	void domainKnowsNoWebLayerOrCaller() {
		noClasses().that().resideInAnyPackage("dev.formgate.erasure.ledger", "dev.formgate.erasure.registry")
			.should().dependOnClassesThat()
			.resideInAnyPackage("..ledger.web..", "..registry.web..", "..erasure.retention..",
					"org.springframework.web..", "jakarta.servlet..")
			.check(CLASSES);
	}

	/** The ledger serves the self-service requests, never the other way round; their domain knows no web layer. */
	@Test
	void selfServiceBuildsOnTheLedgerNotTheOtherWayRound() {
		noClasses().that().resideInAnyPackage("..erasure.ledger..", "..erasure.registry..").should()
			.dependOnClassesThat().resideInAPackage("..erasure.selfservice..").check(CLASSES);
		noClasses().that().resideInAPackage("dev.formgate.erasure.selfservice").should().dependOnClassesThat()
			.resideInAnyPackage("..selfservice.web..", "..ledger.web..", "jakarta.servlet..").check(CLASSES);
	}

	@Test
	void webLayersDoNotReachIntoEachOther() {
		noClasses().that().resideInAPackage("..ledger.web..").should().dependOnClassesThat()
			.resideInAPackage("..registry.web..").check(CLASSES);
		noClasses().that().resideInAPackage("..registry.web..").should().dependOnClassesThat()
			.resideInAPackage("..ledger..").check(CLASSES);
	}
}
