package dev.formgate.newsletter.campaign;

import dev.formgate.web.InvalidInputException.FieldProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Markdown to HTML and text, raw HTML held to the allow-list: refused with a reason, never silently changed. */
class RenderingTests {

	final Rendering rendering = new Rendering(Set.of("images.example.org"));

	@Test
	void rendersMarkdownToHtmlAndPlainTextWithLinksAsWritten() {
		var body = rendering.render("""
				# Neuigkeiten

				Ein **wichtiger** Hinweis mit [Link](https://example.org/a?b=1).

				- eins
				- zwei
				""");

		assertThat(body.html()).contains("<h1>Neuigkeiten</h1>", "<strong>wichtiger</strong>",
				"<a href=\"https://example.org/a?b=1\">Link</a>", "<li>eins</li>");
		assertThat(body.text()).contains("Neuigkeiten", "Ein wichtiger Hinweis mit Link <https://example.org/a?b=1>.",
				"- eins\n- zwei");
		assertThat(body.text()).doesNotContain("<a", "<h1", "**");
	}

	@Test
	void acceptsAllowedRawHtmlAndImagesFromAllowedHosts() {
		String markdown = "<p>Hallo <em>Welt</em></p>\n\n![Logo](https://images.example.org/logo.png)";

		assertThat(rendering.check("body", markdown)).isEmpty();
		assertThat(rendering.render(markdown).html()).contains("<img src=\"https://images.example.org/logo.png\"");
	}

	@Test
	void refusesScriptsEventHandlersStylesFramesAndForms() {
		for (String body : List.of("<script>alert(1)</script>", "<p onclick=\"x()\">a</p>",
				"<p style=\"display:none\">a</p>", "<iframe src=\"https://example.org\"></iframe>",
				"<form action=\"https://example.org\"><input name=\"q\"></form>", "<style>p{}</style>",
				"<svg><circle/></svg>")) {
			assertThat(details(rendering.check("content.de.body", body))).as(body).contains(Rendering.SCRIPTS);
		}
	}

	@Test
	void refusesRemoteImagesTheOperatorDidNotAllow() {
		assertThat(details(rendering.check("b", "![x](https://tracker.example.com/p.gif)")))
			.containsExactly("Images only from the allowed hosts: images.example.org.");
		assertThat(details(rendering.check("b", "<img src=\"http://images.example.org/a.png\">"))).hasSize(1);
		assertThat(details(new Rendering(Set.of()).check("b", "![x](https://images.example.org/a.png)")))
			.allSatisfy(d -> assertThat(d).startsWith("Images from other servers are not allowed"));
	}

	@Test
	void refusesLinksThatAreNotHttpOrMail() {
		for (String body : List.of("[x](javascript:alert(1))", "<a href=\"java&#x09;script:alert(1)\">x</a>",
				"<a href=\"data:text/html,x\">x</a>", "[relative](/path)")) {
			assertThat(details(rendering.check("b", body))).as(body).contains(Rendering.LINKS);
		}
		assertThat(rendering.check("b", "[Mail](mailto:redaktion@example.org) [Web](http://example.org)")).isEmpty();
	}

	@Test
	void namesTheFieldAndEachReasonOnceWithoutEchoingTheBody() {
		List<FieldProblem> problems = rendering.check("content.en.body",
				"<script>a</script>\n\n<script>b</script>\n\n![x](https://evil.example/secret-marker.png)");

		assertThat(problems).hasSize(2).allSatisfy(p -> {
			assertThat(p.field()).isEqualTo("content.en.body");
			assertThat(p.code()).isEqualTo("not-allowed");
			assertThat(p.detail()).doesNotContain("secret-marker", "evil");
		});
	}

	@Test
	void theOutputNeverHoldsWhatTheAllowListDoesNot() {
		String html = rendering.render("<p onclick=\"x()\">a</p><script>alert(1)</script>").html();

		assertThat(html).doesNotContain("onclick", "script");
	}

	@Test
	void plainTextKeepsNumberedListsQuotesAndPreformattedText() {
		String text = rendering.render("""
				1. erstens
				2. zweitens

				> zitiert

				```
				  eingerückt
				```
				""").text();

		assertThat(text).contains("1. erstens\n2. zweitens", "> zitiert", "  eingerückt");
	}

	private static List<String> details(List<FieldProblem> problems) {
		return problems.stream().map(FieldProblem::detail).toList();
	}
}
