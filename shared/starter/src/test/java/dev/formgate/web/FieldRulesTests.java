package dev.formgate.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FieldRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "erika@example.org", "Erika.Mustermann+news@example.org", "jürgen@müller.de",
			"иван@пример.рф", "山田@例え.jp", "yamada.たろう@example.jp", "o'brien@example.ie", "a@b.co",
			"x_y-z@sub.example.org" })
	void acceptsOrdinaryAddressesInAnyOneWritingSystem(String address) {
		assertThat(FieldRules.addressProblem(address)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "erika\u200B@example.org", "erika@exa\u200Dmple.org", "\u202Eerika@elpmaxe.org",
			"erika\u2066@example.org", "eri\u00ADka@example.org", "erika@example.org\uFEFF", "erika\uDB40\uDC41@example.org",
			"\u200Eerika@example.org" })
	void refusesFormatCharactersInAnAddress(String address) {
		assertThat(FieldRules.addressProblem(address)).isEqualTo("The address contains invisible formatting characters.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "p\u0430ypal@example.org", "paypal@ex\u0430mple.org", "ivan\u043E@example.org" })
	void refusesAnAddressThatMixesWritingSystemsInOneWord(String address) {
		assertThat(FieldRules.addressProblem(address)).isEqualTo("The address mixes writing systems (look-alike letters).");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\uFB01@example.org", "erika@\uFF45xample.org", "erika\u00B2@example.org" })
	void refusesCompatibilityFormsThatLookLikeOtherLetters(String address) {
		assertThat(FieldRules.addressProblem(address)).contains("look-alike forms");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "erika", "erika@", "@example.org", "erika@example", "erika@example.o",
			"a@b@example.org", "Erika <erika@example.org>", "erika@example.org, victim@example.net", "er ika@example.org",
			"erika\u00A0@example.org", "erika\u2028@example.org", "erika\u0085@example.org", "erika\r\n@example.org",
			"erika@exam\uE000ple.org", "\"erika\"@example.org" })
	void refusesWhatIsNotOneMailboxInVisibleCharacters(String address) {
		assertThat(FieldRules.addressProblem(address)).isEqualTo("This is not a valid e-mail address.");
	}

	@org.junit.jupiter.api.Test
	void referencesToKnownPeopleAreHeldToSyntaxAndFormatCharactersOnly() {
		assertThat(FieldRules.referenceProblem("p\u0430ypal@example.org")).as("stored before the look-alike rule").isNull();
		assertThat(FieldRules.referenceProblem("\uFB01@example.org")).isNull();
		assertThat(FieldRules.referenceProblem("erika\u200B@example.org"))
			.isEqualTo("The address contains invisible formatting characters.");
		assertThat(FieldRules.referenceProblem("Erika <erika@example.org>")).isEqualTo("This is not a valid e-mail address.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "erika\u0007@example.org", "erika\u0000@example.org", "erika\u001B[2J@example.org",
			"erika@example.org\r\nBcc: x@example.org", "erika\u0085@example.org", "erika\u007F@example.org" })
	void refusesControlCharactersInAReferenceToAKnownPerson(String address) {
		assertThat(FieldRules.referenceProblem(address)).isEqualTo("The address contains control characters.");
	}

	@org.junit.jupiter.api.Test
	void allowsLineBreaksAndTabsInATextOfSeveralLinesButNoOtherControlCharacter() {
		assertThat(FieldRules.hasControlCharactersInText("Sehr geehrte Damen und Herren,\r\n\tbitte löschen Sie …"))
			.isFalse();
		assertThat(FieldRules.hasControlCharactersInText("Az. 12-345\u001B[31m")).isTrue();
		assertThat(FieldRules.hasControlCharactersInText("a\u0000b")).isTrue();
		assertThat(FieldRules.hasControlCharactersInText("eine Zeile\u2028noch eine")).isTrue();
	}

	@org.junit.jupiter.api.Test
	void refusesAnAddressLongerThanSmtpCarries() {
		String local = "a".repeat(64);
		String domain = "b".repeat(185) + ".org";
		assertThat(FieldRules.isAddress(local + "@" + domain)).as("254 characters").isTrue();
		assertThat(FieldRules.isAddress(local + "@b" + domain)).as("255 characters").isFalse();
	}

	@org.junit.jupiter.api.Test
	void findsFormatCharactersAnywhereInText() {
		assertThat(FieldRules.hasFormatCharacters("Erika Mustermann")).isFalse();
		assertThat(FieldRules.hasFormatCharacters("Jürgen Müller-Lüdenscheidt")).isFalse();
		assertThat(FieldRules.hasFormatCharacters("Rechnung \u202Efdp.exe")).isTrue();
		assertThat(FieldRules.hasFormatCharacters("Erika\u200BMustermann")).isTrue();
	}
}
