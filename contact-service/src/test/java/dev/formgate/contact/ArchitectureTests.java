package dev.formgate.contact;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Feature packages stay apart: mail knows no feature, the domain knows no web layer or caller. */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.formgate.contact");

	@Test
	void mailKnowsNoFeature() {
		noClasses().that().resideInAnyPackage("..contact.mail..").should()
			.dependOnClassesThat().resideInAnyPackage("..contact.request..", "..contact.staff..", "..contact.retention..")
			.check(CLASSES);
	}

	@Test
	void requestDomainKnowsNoWebLayerOrCaller() {
		noClasses().that().resideInAPackage("dev.formgate.contact.request").should().dependOnClassesThat()
			.resideInAnyPackage("..request.web..", "..contact.staff..", "..contact.retention..", "org.springframework.web..",
					"jakarta.servlet..")
			.check(CLASSES);
	}

	@Test
	void publicFormAndStaffApiDoNotReachIntoEachOther() {
		noClasses().that().resideInAPackage("..request.web..").should().dependOnClassesThat()
			.resideInAPackage("..contact.staff..").check(CLASSES);
		noClasses().that().resideInAPackage("..contact.staff..").should().dependOnClassesThat()
			.resideInAPackage("..request.web..").check(CLASSES);
	}
}
