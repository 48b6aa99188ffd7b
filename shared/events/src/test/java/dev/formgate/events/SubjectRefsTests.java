package dev.formgate.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SubjectRefsTests {

	final SubjectRefs refs = new SubjectRefs("a-pepper-of-at-least-thirty-two-bytes!");

	@Test
	void sameAddressInAnySpellingGivesTheSameRef() {
		assertThat(refs.of(" Anna.Muster@Example.ORG ")).isEqualTo(refs.of("anna.muster@example.org"));
	}

	@Test
	void refIsBase64UrlOfAnHmacAndRevealsNothingOfTheAddress() {
		SubjectRef ref = refs.of("anna.muster@example.org");

		assertThat(ref.value()).matches("[A-Za-z0-9_-]{43}").doesNotContain("anna").doesNotContain("example");
	}

	@Test
	void differentPeppersGiveUnrelatedRefs() {
		var other = new SubjectRefs("another-pepper-of-at-least-32-bytes!!");

		assertThat(other.of("anna.muster@example.org")).isNotEqualTo(refs.of("anna.muster@example.org"));
	}

	@Test
	void refusesAShortPepper() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SubjectRefs("short"));
	}

	@Test
	void refusesValuesThatAreNotRefs() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SubjectRef("anna@example.org"));
	}
}
