package dev.formgate.web;

import dev.formgate.web.InvalidInputException.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void everyTypeHasItsOwnSlugTitleAndPageTexts() {
		assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug)).doesNotHaveDuplicates()
			.allMatch(slug -> slug.matches("[a-z]+(-[a-z]+)*"));
		for (ProblemType type : ProblemType.values()) {
			assertThat(type.uri().toString()).isEqualTo("https://formgate.dev/problems/" + type.slug());
			assertThat(type.title()).isNotBlank();
			assertThat(type.detail()).isNotBlank();
			assertThat(type.pageText(false)).isNotBlank().isNotEqualTo(type.pageText(true));
		}
	}

	@Test
	void mapsAnyErrorStatusToACataloguedType() {
		assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
		assertThat(ProblemType.forStatus(431)).isEqualTo(ProblemType.HEADERS_TOO_LARGE);
		assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.BAD_REQUEST);
		assertThat(ProblemType.forStatus(502)).isEqualTo(ProblemType.INTERNAL);
		assertThat(Problem.forStatus(418).status()).as("the answer keeps its status").isEqualTo(418);
	}

	@Test
	void writesWellFormedJsonWithoutAnInstance() throws Exception {
		Problem problem = new Problem(ProblemType.INVALID_INPUT, 400, "quote \" backslash \\ line\nbreak <b>",
				List.of(FieldProblem.required("email")), Map.of("limit", 3, "state", "RECEIVED"));

		var tree = JSON.readTree(problem.toJson());

		assertThat(tree.path("type").asString()).isEqualTo("https://formgate.dev/problems/invalid-input");
		assertThat(tree.path("status").asInt()).isEqualTo(400);
		assertThat(tree.path("detail").asString()).isEqualTo("quote \" backslash \\ line\nbreak <b>");
		assertThat(tree.path("errors").get(0).path("field").asString()).isEqualTo("email");
		assertThat(tree.path("limit").asInt()).isEqualTo(3);
		assertThat(tree.path("state").asString()).isEqualTo("RECEIVED");
		assertThat(tree.has("instance")).isFalse();
		assertThat(problem.toJson()).doesNotContain("<b>");
	}

	@Test
	void pagesSpeakTheChosenLanguage() {
		Problem problem = Problem.of(ProblemType.TOO_LARGE);

		assertThat(problem.page(false)).contains("<html lang=\"de\"").contains("Bitte kürzen Sie Ihre Eingabe")
			.contains("<title>413");
		assertThat(problem.page(true)).contains("<html lang=\"en\"").contains("Please shorten your input");
	}
}
