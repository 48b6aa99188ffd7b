package dev.formgate.comment;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Feature packages stay apart: mail and the evidence log know no comment, the comment domain knows no web layer or
 * caller, the public calls and the moderators' API do not reach into each other.
 */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.formgate.comment");

	@Test
	void mailAndEvidenceKnowNoComment() {
		noClasses().that().resideInAnyPackage("..comment.mail..", "..comment.evidence..").should()
			.dependOnClassesThat().resideInAnyPackage("..comment.comments..", "..comment.moderation..",
					"..comment.retention..", "..comment.privacy..")
			.check(CLASSES);
	}

	@Test
	void commentDomainKnowsNoWebLayerOrCaller() {
		noClasses().that().resideInAPackage("dev.formgate.comment.comments").should().dependOnClassesThat()
			.resideInAnyPackage("..comments.web..", "..comment.moderation..", "..comment.retention..",
					"..comment.privacy..", "org.springframework.web..", "jakarta.servlet..")
			.check(CLASSES);
	}

	@Test
	void publicCallsAndModerationDoNotReachIntoEachOther() {
		noClasses().that().resideInAPackage("..comments.web..").should().dependOnClassesThat()
			.resideInAPackage("..comment.moderation..").check(CLASSES);
		noClasses().that().resideInAPackage("..comment.moderation..").should().dependOnClassesThat()
			.resideInAPackage("..comments.web..").check(CLASSES);
	}
}
