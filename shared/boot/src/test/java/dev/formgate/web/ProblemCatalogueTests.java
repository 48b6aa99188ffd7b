package dev.formgate.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md lists every problem type of the catalogue, so an API user finds each answer there. */
class ProblemCatalogueTests {

	static final Path API_DOCS = Path.of("../../docs/api.md");

	@Test
	void theApiDocumentationListsEveryProblemType() throws IOException {
		String docs = Files.readString(API_DOCS);

		assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug))
			.allSatisfy(slug -> assertThat(docs).as("docs/api.md names " + slug).contains("`" + slug + "`"));
	}
}
