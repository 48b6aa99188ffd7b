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

	@Test
	void aCommentsRefIsStableAndNoAddressesRef() {
		String commentId = "0f8fad5b-d9cb-469f-a165-70867728950e";

		assertThat(refs.ofComment(commentId)).isEqualTo(refs.ofComment(commentId))
			.isNotEqualTo(refs.ofComment("7c9e6679-7425-40de-944b-e07fc1f90ae7"))
			.isNotEqualTo(refs.of(commentId));
	}

	@Test
	void refusesACommentIdThatCouldBeAnAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> refs.ofComment("comment@example.org"));
		assertThatIllegalArgumentException().isThrownBy(() -> refs.ofComment(""));
	}
}
