package dev.formgate.service;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MailTemplatesTests {

	@Test
	void rendersATextTemplateAsUtf8WithoutEscaping() {
		String text = MailTemplates.text("mail-templates-test")
			.process("greeting", new Context(Locale.GERMAN, Map.of("name", "Jürgen <J>", "count", 2)));

		assertThat(text).isEqualTo("Hallo Jürgen <J>,\nÄnderungen: 2\n");
	}

	@Test
	void rendersAnHtmlTemplateEscapingVariablesAndLookingUpMessages() {
		var messages = new StaticMessageSource();
		messages.addMessage("greeting", Locale.ENGLISH, "Hello");

		String html = MailTemplates.engine("mail-templates-test", TemplateMode.HTML, messages)
			.process("greeting", new Context(Locale.ENGLISH, Map.of("name", "<script>x</script>")));

		assertThat(html).contains("<p>&lt;script&gt;x&lt;/script&gt;</p>").contains("<p>Hello</p>")
			.doesNotContain("<script>");
	}

	@Test
	void takesOnlyTextOrHtml() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MailTemplates.engine("mail-templates-test", TemplateMode.JAVASCRIPT, null));
	}
}
